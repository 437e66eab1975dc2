package seed

import (
	"github.com/sswalliance/advocacy/internal/content"
)

// CustomPage is a demo page at an address of its own (content.CustomPageKind),
// in English and Spanish. The Spanish fields may be left empty: the page
// then shows its English text under /es too.
type CustomPage struct {
	Path                         string // "/about/team"
	TitleEN, TitleES             string
	DescriptionEN, DescriptionES string
	BodyEN, BodyES               string // Markdown
}

// loadCustomPages writes the demo custom pages. More pages are added by
// appending to customPages.
func loadCustomPages(w *writer) error {
	return each(customPages(), w.customPage)
}

func (w *writer) customPage(p CustomPage) error {
	_, err := w.create(content.CustomPageKind, "", content.Doc{
		"path":     p.Path,
		"title.en": p.TitleEN, "title.es": p.TitleES,
		"description.en": p.DescriptionEN, "description.es": p.DescriptionES,
		"body.en": p.BodyEN, "body.es": p.BodyES,
	})
	return err
}

// customPages are the demo custom pages, in the order they are written.
func customPages() []CustomPage {
	return []CustomPage{
		{
			Path:          "/about/team",
			TitleEN:       "Who runs this site",
			TitleES:       "Quién mantiene este sitio",
			DescriptionEN: "The small team behind the campaign's website, and how to reach it.",
			DescriptionES: "El pequeño equipo detrás del sitio de la campaña y cómo ponerse en contacto.",
			BodyEN: "This site is kept by a small secretariat team with help from members of the Interest Group on Advocacy.\n\n" +
				"## What the team does\n\n" +
				"- Keeps the key messages, toolkit and resource library up to date\n" +
				"- Reviews the organisations that sign the Call to Action\n" +
				"- Plans each Social Service Workforce Week with member organisations\n\n" +
				"## Getting in touch\n\n" +
				"Spotted a mistake or want to suggest a resource? Write to the secretariat through the contact details on the Alliance's main website.",
			BodyES: "Este sitio lo mantiene un pequeño equipo de la secretaría, con el apoyo de integrantes del Grupo de Interés sobre Incidencia.\n\n" +
				"## Qué hace el equipo\n\n" +
				"- Mantiene al día los mensajes clave, el kit de herramientas y la biblioteca de recursos\n" +
				"- Revisa las organizaciones que firman el Llamado a la Acción\n" +
				"- Planifica cada Semana de la Fuerza Laboral del Servicio Social con las organizaciones miembro\n\n" +
				"## Contacto\n\n" +
				"¿Encontró un error o quiere proponer un recurso? Escriba a la secretaría mediante los datos de contacto del sitio principal de la Alianza.",
		},
	}
}
