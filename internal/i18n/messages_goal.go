package i18n

// Interface text of the Call to Action's goal and of its breakdown of
// signatories by country and type. {goal}, {n} and {date} are filled in
// by the page; the count itself comes first, in bold, before "of".
func init() {
	register(map[string]map[Lang]string{
		"cta.goal.of.one":             {EN: "of {goal} organisations has signed.", ES: "de {goal} organizaciones lo ha firmado."},
		"cta.goal.of.many":            {EN: "of {goal} organisations have signed.", ES: "de {goal} organizaciones lo han firmado."},
		"cta.goal.reached":            {EN: "The goal of {goal} organisations was reached on {date}.", ES: "La meta de {goal} organizaciones se alcanzó el {date}."},
		"cta.goal.reached.undated":    {EN: "The goal of {goal} organisations has been reached.", ES: "Se alcanzó la meta de {goal} organizaciones."},
		"cta.breakdown":               {EN: "Where they are and what they do", ES: "Dónde están y qué hacen"},
		"cta.breakdown.countries":     {EN: "By country", ES: "Por país"},
		"cta.breakdown.countries.top": {EN: "The {n} countries with the most signatories, then the others together.", ES: "Los {n} países con más firmantes y, después, los demás en conjunto."},
		"cta.breakdown.types":         {EN: "By type of organisation", ES: "Por tipo de organización"},
		"cta.breakdown.others":        {EN: "{n} other countries", ES: "Otros {n} países"},
		"cta.breakdown.no_country":    {EN: "Country not given", ES: "País no indicado"},
		"cta.breakdown.count.one":     {EN: "1 organisation", ES: "1 organización"},
		"cta.breakdown.count.many":    {EN: "{n} organisations", ES: "{n} organizaciones"},
	})
}
