'use client';

// Used only when the root layout itself fails: no translations are available, so both languages.
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="fr">
      <body style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '36rem', margin: '5rem auto', padding: '0 1rem' }}>
        <h1>Une erreur inattendue s’est produite</h1>
        <p>Elle a été enregistrée. Rechargez la page dans un instant.</p>
        <h2 lang="en">Something went wrong</h2>
        <p lang="en">It has been logged. Reload the page in a moment.</p>
        {error.digest ? <p style={{ fontFamily: 'monospace', fontSize: 12 }}>ref: {error.digest}</p> : null}
        <p>
          <a href="/">Suivi</a>
        </p>
      </body>
    </html>
  );
}
