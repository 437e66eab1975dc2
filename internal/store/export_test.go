package store

// The statements of the public lists of signatories, for the tests that
// look at their plans (EXPLAIN) with as many signatories as a big
// campaign gathers.
var (
	PublicSignatoryCountSQL = publicSignatoryCountSQL
	PublicSignatoryPageSQL  = publicSignatoryPageSQL
)

const (
	SignatoryWallSQL       = signatoryWallSQL
	EveryKeyedSignatorySQL = everyKeyedSignatorySQL
	SignatoryCountriesSQL  = signatoryCountriesSQL
)
