package org

import (
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// Countries are the ISO 3166-1 alpha-2 codes of every country and
// territory, in code order.
var Countries = strings.Fields(`
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL
BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV
CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD
GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM
IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK
LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW
MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR
PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS
ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY
UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`)

// IsCountry reports whether code is one of Countries.
func IsCountry(code string) bool {
	_, ok := slices.BinarySearch(Countries, code)
	return ok
}

var regionNamers = map[i18n.Lang]display.Namer{
	i18n.EN: display.Regions(language.English),
	i18n.ES: display.Regions(language.Spanish),
}

// CountryName is a country's name in lang, or code itself when unknown.
func CountryName(code string, lang i18n.Lang) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	n := regionNamers[lang]
	if n == nil {
		n = regionNamers[i18n.EN]
	}
	if name := n.Name(r); name != "" {
		return name
	}
	return code
}

// Country is a code with its name in one language.
type Country struct{ Code, Name string }

// CountriesByName returns codes (every country when nil) with their names
// in lang, sorted as a reader of lang expects.
func CountriesByName(lang i18n.Lang, codes []string) []Country {
	if codes == nil {
		codes = Countries
	}
	out := make([]Country, len(codes))
	for i, c := range codes {
		out[i] = Country{c, CountryName(c, lang)}
	}
	tag := language.English
	if lang == i18n.ES {
		tag = language.Spanish
	}
	col := collate.New(tag, collate.Loose)
	slices.SortFunc(out, func(a, b Country) int { return col.CompareString(a.Name, b.Name) })
	return out
}

// OrgTypeName is an organisation type's name in lang.
func OrgTypeName(t string, lang i18n.Lang) string { return lang.T("org.type." + t) }
