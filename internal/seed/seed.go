package seed

import (
	"context"
	"errors"

	"github.com/sswalliance/advocacy/internal/store"
)

// ErrHasContent is returned when the database already holds content and the
// caller did not ask to replace it.
var ErrHasContent = errors.New("the database already has content; run `advocacy seed --force` to replace it with the demo content")

// Load writes the demo content in one transaction. With force, existing
// content is deleted first; without it, a database with content is refused.
func Load(ctx context.Context, st *store.Store, force bool) error {
	return st.InTx(ctx, func(tx *store.Store) error {
		has, err := tx.HasContent(ctx)
		if err != nil {
			return err
		}
		if has && !force {
			return ErrHasContent
		}
		if err := tx.DeleteAllContent(ctx); err != nil {
			return err
		}
		w := newWriter(ctx, tx)
		if err := w.pages(pages()); err != nil {
			return err
		}
		for _, load := range []func(*writer) error{
			loadAudiences, loadCallToAction, loadSignatories, loadResources, loadSSWWeek, loadCalendar, loadCustomPages, loadImages, loadMenus,
		} {
			if err := load(w); err != nil {
				return err
			}
		}
		return nil
	})
}

// pages are the stored pages in every language written; the Spanish copy of
// some parts' pages is kept beside that part's demo content.
func pages() []store.Page {
	return append(basePages(), resourcesPageES, sswweekPageES, eventsPageES)
}

func basePages() []store.Page {
	return []store.Page{
		{
			Slug:        "home",
			Lang:        "en",
			Title:       "Why support the social service workforce?",
			Description: "Tools, messages and events for anyone who wants governments and donors to invest in the social workers and community workers who protect children and support families.",
			Intro:       "Social workers, child and youth care workers and community workers keep children safe and families together. They can only do that well when they are trained, supervised, paid and counted. That takes money and political will, and both follow advocacy.",
			Body: "Every one of us can help: a conversation with a local official, a post that shares a worker's story, a briefing for a donor. Advocacy changes policies and programmes, protects rights and helps the public understand what this work involves.\n\n" +
				"The Alliance has gathered the tools on this site so you do not have to start from a blank page: messages written for each audience, a Call to Action that organisations can sign, a toolkit grounded in evidence, and a calendar of moments when the world is listening.",
			Sections: []store.Section{
				{Heading: "Key messages", LinkPath: "/key-messages", LinkLabel: "Find the messages for your audience",
					Body: "Short, tested messages for donors, policymakers, journalists, the public and fellow professionals."},
				{Heading: "Call to Action", LinkPath: "/call-to-action", LinkLabel: "Read and sign the Call to Action",
					Body: "Recommendations for governments and partners at country and global level, launched in May 2018 and backed by organisations worldwide."},
				{Heading: "Global Advocacy Toolkit", LinkPath: "/toolkit", LinkLabel: "Explore the toolkit",
					Body: "Narratives, case studies, stories, fact sheets, infographics and worksheets for building a campaign."},
				{Heading: "Resource library", LinkPath: "/resources", LinkLabel: "Browse the resources",
					Body: "Reports, briefs and guides on planning, developing and supporting the workforce, free to download."},
				{Heading: "Social Service Workforce Week", LinkPath: "/sswweek", LinkLabel: "See every edition of SSWWeek",
					Body: "A week each year of daily themes, blogs, webinars and chats about the people who do this work."},
				{Heading: "Advocacy calendar", LinkPath: "/events", LinkLabel: "Plan with the calendar",
					Body: "World Social Work Day, UN observances and Alliance events: dates you can use to speak up locally."},
			},
		},
		{
			Slug:        "home",
			Lang:        "es",
			Title:       "¿Por qué apoyar a la fuerza laboral del servicio social?",
			Description: "Herramientas, mensajes y eventos para quienes quieren que gobiernos y donantes inviertan en las trabajadoras y trabajadores sociales y comunitarios que protegen a la infancia y apoyan a las familias.",
			Intro:       "Trabajadoras y trabajadores sociales, de cuidado de niños y jóvenes y comunitarios mantienen a salvo a la infancia y unidas a las familias. Solo pueden hacerlo bien con formación, supervisión, un salario digno y un lugar en las estadísticas. Eso requiere dinero y voluntad política, y ambos llegan con la incidencia.",
			Body: "Todas las personas podemos ayudar: una conversación con una autoridad local, una publicación que cuente la historia de una trabajadora, una reunión informativa con un donante. La incidencia cambia políticas y programas, protege derechos y ayuda al público a entender en qué consiste este trabajo.\n\n" +
				"La Alianza reunió en este sitio las herramientas para que no tenga que empezar de cero: mensajes para cada público, un Llamado a la acción que las organizaciones pueden firmar, un conjunto de herramientas basado en evidencia y un calendario de momentos en que el mundo está escuchando.",
			Sections: []store.Section{
				{Heading: "Mensajes clave", LinkPath: "/key-messages", LinkLabel: "Encuentre los mensajes para su público",
					Body: "Mensajes breves y probados para donantes, responsables de políticas, periodistas, el público y otros profesionales."},
				{Heading: "Llamado a la acción", LinkPath: "/call-to-action", LinkLabel: "Lea y firme el Llamado a la acción",
					Body: "Recomendaciones para gobiernos y socios a nivel nacional y mundial, presentadas en mayo de 2018 y respaldadas por organizaciones de todo el mundo."},
				{Heading: "Herramientas globales de incidencia", LinkPath: "/toolkit", LinkLabel: "Explore las herramientas",
					Body: "Narrativas, estudios de caso, historias, hojas informativas, infografías y fichas de trabajo para construir una campaña."},
				{Heading: "Biblioteca de recursos", LinkPath: "/resources", LinkLabel: "Consulte los recursos",
					Body: "Informes, notas y guías sobre cómo planificar, desarrollar y apoyar a la fuerza laboral, para descargar gratis."},
				{Heading: "Semana de la Fuerza Laboral del Servicio Social", LinkPath: "/sswweek", LinkLabel: "Vea todas las ediciones de SSWWeek",
					Body: "Una semana al año de temas diarios, blogs, seminarios web y conversaciones sobre quienes hacen este trabajo."},
				{Heading: "Calendario de incidencia", LinkPath: "/events", LinkLabel: "Planifique con el calendario",
					Body: "El Día Mundial del Trabajo Social, días de la ONU y eventos de la Alianza: fechas para alzar la voz en su comunidad."},
			},
		},
		{
			Slug:        "key-messages",
			Lang:        "en",
			Title:       "Key messages",
			Description: "Messages about the social service workforce written for donors, policymakers, media, the general public and other professionals.",
			Intro:       "Different people need to hear different things. The Alliance's advocacy interest group wrote a set of messages for each audience so that your case lands with the people you are speaking to.",
			Body:        "Choose your audience to see its headline messages, the points that support them, and where the evidence comes from. You can also download every message in one document to share with colleagues.",
		},
		{
			Slug:        "call-to-action",
			Lang:        "en",
			Title:       "Call to Action",
			Description: "A Call to Action for strengthening the social service workforce to better protect children and achieve the Sustainable Development Goals.",
			Intro:       "Launched at the Alliance's fifth annual symposium on 8 May 2018, the Call to Action asks governments to start, lead and take part in dialogue with their partners about strengthening the social service workforce.",
			Body:        "Its recommendations are set out for two levels, country and global. Share it with national governments and the groups you work with, and ask your organisation to add its name to those already supporting it.",
		},
		{
			Slug:        "call-to-action",
			Lang:        "es",
			Title:       "Llamado a la acción",
			Description: "Un llamado a la acción para fortalecer la fuerza laboral del servicio social, proteger mejor a la infancia y alcanzar los Objetivos de Desarrollo Sostenible.",
			Intro:       "Presentado en el quinto simposio anual de la Alianza el 8 de mayo de 2018, el Llamado a la acción pide a los gobiernos iniciar, encabezar y sostener el diálogo con sus socios para fortalecer la fuerza laboral del servicio social.",
			Body:        "Sus recomendaciones se dirigen a dos niveles: nacional y mundial. Compártalo con los gobiernos nacionales y con los grupos con los que trabaja, y proponga a su organización sumar su nombre al de quienes ya lo respaldan.",
		},
		{
			Slug:        "toolkit",
			Lang:        "en",
			Title:       "Global Advocacy Toolkit",
			Description: "The Global Advocacy Toolkit for the Social Service Workforce: narratives, case studies, stories, fact sheets, infographics and worksheets.",
			Intro:       "Released in May 2017 and developed with WithoutViolence, the toolkit gives advocates a shared set of tools and messages for making the workforce a political and programme priority.",
			Body: "It draws on evidence that a strong workforce makes programmes for vulnerable children and families work better, and on research into how decision-makers respond to different kinds of message.\n\n" +
				"The toolkit is organised in four parts:\n\n" +
				"1. **Introduction:** what the social service workforce is, who the Alliance is, the toolkit's purpose, how to use it, why advocacy matters, and how it was made.\n" +
				"2. **Evidence:** what research says about the workforce, and which communication tools work.\n" +
				"3. **Making the link:** the workforce and the Sustainable Development Goals, violence against children, health and migration.\n" +
				"4. **Planning your advocacy:** setting objectives, choosing your audience and selecting your approach, with worksheets for each step.",
		},
		{
			Slug:        "resources",
			Lang:        "en",
			Title:       "Resource library",
			Description: "Reports, briefs, case studies and guides about the social service workforce, free to read and download.",
			Intro:       "Evidence and practical guides for anyone planning, developing or supporting the social service workforce.",
			Body:        "Every resource lists who wrote it, when, and in which language, with its files ready to download.",
		},
		{
			Slug:        "sswweek",
			Lang:        "en",
			Title:       "Social Service Workforce Week",
			Description: "Every edition of Social Service Workforce Week since 2014: themes, daily topics, blogs, webinars and chats.",
			Intro:       "Since 2014 the Alliance has set aside a week each year to draw attention to the social service workforce and the work under way around the world to strengthen it.",
			Body:        "Each edition has a theme, a topic for every day, blog posts, webinars and online chats. Join in with #SSWWeek.",
		},
		{
			Slug:        "events",
			Lang:        "en",
			Title:       "Advocacy calendar",
			Description: "Dates through the year when you can speak up for the social service workforce: World Social Work Day, UN days and Alliance events.",
			Intro:       "Some days the world is already listening. Conferences, UN observances, worker appreciation days, World Social Work Day and SSWWeek are all chances to make the case locally.",
			Body:        "World Social Work Day falls on the third Tuesday of March each year. Add the calendar to your own so you never miss a moment.",
		},
	}
}
