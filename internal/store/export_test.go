package store

// The statements of the public lists of signatories, for the tests that
// look at their plans (EXPLAIN) with as many signatories as a big
// campaign gathers.
const (
	PublicSignatoryCountSQL = publicSignatoryCountSQL
	PublicSignatoryPageSQL  = publicSignatoryPageSQL
	SignatoryWallSQL        = signatoryWallSQL
	EveryPublicSignatorySQL = everyPublicSignatorySQL
)

// PublicFilterArgs are the arguments $1 to $4 of PublicSignatoryCountSQL
// and PublicSignatoryPageSQL for f.
func PublicFilterArgs(f PublicFilter) []any { return publicFilterArgs(f) }
