package seed

import (
	"fmt"

	"github.com/sswalliance/advocacy/internal/content"
)

// demoGoal is the demo's goal for the Call to Action: far enough ahead of
// the seeded signatories that the page shows the count against it.
const demoGoal = "50"

// loadCallToAction writes the Call to Action's goal and recommendations.
// Two recommendations are deliberately left without Spanish, to show the
// fallback.
func loadCallToAction(w *writer) error {
	if _, err := content.CallToActionKind.Save(w.ctx, w.db, content.CallToActionKey, content.Doc{"goal": demoGoal}); err != nil {
		return fmt.Errorf("seed: call to action goal: %w", err)
	}
	recs := []struct {
		level  string
		en, es string
	}{
		{"country", "**Open a national dialogue.** Bring ministries, civil society, training institutions, professional associations and donors together to agree how the workforce will be planned, developed and supported.",
			"**Abrir un diálogo nacional.** Reunir a ministerios, sociedad civil, instituciones de formación, asociaciones profesionales y donantes para acordar cómo se planificará, desarrollará y apoyará a la fuerza laboral."},
		{"country", "**Count the workforce.** Map who does social service work, where, in which roles and with what training, and keep that data up to date so planning rests on evidence.",
			"**Contar a la fuerza laboral.** Mapear quién hace trabajo social, dónde, en qué funciones y con qué formación, y mantener esos datos al día para planificar con evidencia."},
		{"country", "**Adopt a costed strategy.** Set out in a national workforce strengthening strategy how many workers are needed, with which skills, and fund it in the budget.",
			"**Adoptar una estrategia con costos.** Definir en una estrategia nacional de fortalecimiento cuántas personas se necesitan, con qué competencias, y financiarla en el presupuesto."},
		{"country", "**Recognise the work in law.** Define roles and qualifications, support professional associations and codes of ethics, and protect the title of those who do the job.",
			"**Reconocer el trabajo en la ley.** Definir funciones y titulaciones, apoyar a las asociaciones profesionales y los códigos de ética, y proteger el título de quienes hacen este trabajo."},
		{"country", "**Keep good workers.** Pay fairly, supervise well, offer training throughout a career and keep caseloads safe, so that trained people stay in the work.",
			"**Retener a buenas profesionales.** Pagar con justicia, supervisar bien, ofrecer formación a lo largo de la carrera y mantener cargas de trabajo seguras, para que las personas formadas se queden."},
		{"country", "**Put the workforce in national plans.** Name it, with budget lines, in plans to end violence against children and to meet the Sustainable Development Goals.", ""},
		{"global", "**Measure it.** Include the social service workforce in the indicators, reports and reviews of the Sustainable Development Goals, starting with target 16.2 on ending violence against children.",
			"**Medirla.** Incluir a la fuerza laboral del servicio social en los indicadores, informes y revisiones de los Objetivos de Desarrollo Sostenible, empezando por la meta 16.2 sobre el fin de la violencia contra la infancia."},
		{"global", "**Fund it for the long term.** Donors and UN agencies should pay for strengthening the workforce itself, not only for staff on short projects.",
			"**Financiarla a largo plazo.** Donantes y agencias de la ONU deberían invertir en fortalecer a la fuerza laboral en sí, no solo en personal para proyectos cortos."},
		{"global", "**Build shared evidence.** Support research, common definitions and comparable data so countries can learn from each other.",
			"**Construir evidencia común.** Apoyar la investigación, las definiciones comunes y los datos comparables para que los países aprendan unos de otros."},
		{"global", "**Connect the people doing the work.** Back networks and exchanges between countries, so that what works in one place can be adapted in another.", ""},
	}
	for _, r := range recs {
		if _, err := w.create(content.RecommendationKind, "", content.Doc{"level": r.level, "text.en": r.en, "text.es": r.es}); err != nil {
			return err
		}
	}
	return loadRejectionReasons(w)
}

// loadRejectionReasons writes the reasons staff pick from when they turn
// down a request to sign.
func loadRejectionReasons(w *writer) error {
	reasons := []struct{ slug, en, es string }{
		{"not-an-organisation", "The Call to Action is signed by organisations. We could not confirm that the request came from an organisation rather than a person.",
			"El Llamado a la acción lo firman organizaciones. No pudimos confirmar que la solicitud viniera de una organización y no de una persona."},
		{"cannot-verify", "We could not confirm that the contact speaks for the organisation, for example because the email address is not at the organisation's website domain.",
			"No pudimos confirmar que la persona de contacto hable en nombre de la organización; por ejemplo, porque su correo no es del dominio del sitio web de la organización."},
		{"logo-unusable", "The logo could not be shown clearly. Send it again as a PNG with a transparent or white background.",
			"No pudimos mostrar el logotipo con claridad. Envíelo de nuevo como PNG con fondo transparente o blanco."},
		{"already-signed", "The organisation has already signed the Call to Action.",
			"La organización ya firmó el Llamado a la acción."},
		{"outside-scope", "The organisation's work does not relate to the social service workforce or to children and families.",
			"El trabajo de la organización no se relaciona con la fuerza laboral del servicio social ni con la niñez y las familias."},
	}
	for _, r := range reasons {
		if _, err := w.create(content.RejectionReasonKind, "", content.Doc{"slug": r.slug, "text.en": r.en, "text.es": r.es}); err != nil {
			return err
		}
	}
	return nil
}
