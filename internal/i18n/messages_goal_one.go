package i18n

// The Call to Action's goal when it is one organisation (a goal staff may
// set): the noun in the singular, and the verb agreeing with the goal, as
// "0 of 1 organisation has signed" reads.
func init() {
	register(map[string]map[Lang]string{
		"cta.goal.of.goal_one":              {EN: "of {goal} organisation has signed.", ES: "de {goal} organización lo ha firmado."},
		"cta.goal.reached.goal_one":         {EN: "The goal of {goal} organisation was reached on {date}.", ES: "La meta de {goal} organización se alcanzó el {date}."},
		"cta.goal.reached.undated.goal_one": {EN: "The goal of {goal} organisation has been reached.", ES: "Se alcanzó la meta de {goal} organización."},
	})
}
