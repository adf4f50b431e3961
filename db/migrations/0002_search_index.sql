-- Full-text search over companies and contacts (later: leads, opportunities).
-- rowid = record id * 8 + kind code (1 company, 2 contact), so a record's entry is replaced or deleted by rowid.
-- Accents and case are ignored ("societe gen" finds "Société Générale"); prefixes of 2, 3 and 4 characters are indexed.
CREATE VIRTUAL TABLE `search_fts` USING fts5(`title`, `body`, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
