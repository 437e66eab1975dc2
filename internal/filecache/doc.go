// Package filecache keeps copies of the site's stored files on local disk,
// named by their SHA-256, so a download is sent from a file (the kernel's
// sendfile, ranges read by seeking) in bounded memory, without a database
// connection held while a slow client reads.
//
// The bytes stay in Postgres, the one copy that is backed up; a copy here
// is filled from it once, by short chunked reads, and checked against its
// SHA-256 before it is used. Names are the content's hash, so copies can
// never be stale, several instances may each keep their own (or share a
// directory), and a copy deleted by anything (a tmp cleaner, another
// instance's eviction) is simply filled again.
package filecache
