package i18n

// Text of the images people share: the share cards of the SSWWeek
// editions, their days and the Call to Action, and the badges partner
// sites show.
func init() {
	register(map[string]map[Lang]string{
		"cards.edition.kicker":   {EN: "SSWWeek {year} · {ordinal} edition", ES: "SSWWeek {year} · {ordinal} edición"},
		"cards.day.kicker":       {EN: "SSWWeek {year} · Day {n} · {date}", ES: "SSWWeek {year} · Día {n} · {date}"},
		"cards.cta.kicker":       {EN: "Read it, sign it, share it", ES: "Léalo, fírmelo, compártalo"},
		"cards.cta.tag":          {EN: "Add your organisation's name", ES: "Sume el nombre de su organización"},
		"cards.supporter.title":  {EN: "We support the Call to Action", ES: "Apoyamos el Llamado a la acción"},
		"cards.supporter.lead":   {EN: "We support the", ES: "Apoyamos el"},
		"cards.supporter.name":   {EN: "Call to Action", ES: "Llamado a la acción"},
		"cards.count.one":        {EN: "1 organisation", ES: "1 organización"},
		"cards.count.many":       {EN: "{n} organisations", ES: "{n} organizaciones"},
		"cards.count.title.one":  {EN: "1 organisation supports the Call to Action", ES: "1 organización apoya el Llamado a la acción"},
		"cards.count.title.many": {EN: "{n} organisations support the Call to Action", ES: "{n} organizaciones apoyan el Llamado a la acción"},
	})
}
