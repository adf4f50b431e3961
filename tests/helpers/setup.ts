import path from 'node:path';

// db/client.ts finds migrations and lib/auth/password.ts the common-password list from process.cwd().
process.chdir(path.resolve(__dirname, '..', '..'));
