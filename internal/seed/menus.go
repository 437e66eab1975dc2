package seed

import "github.com/sswalliance/advocacy/internal/content"

// menuEntry is one seeded link of a menu.
type menuEntry struct {
	menu, target, en, es string
}

// menus are the header's and footer's links as the site has them built in
// (migration 00022 writes the same, for a site never seeded).
var menus = []menuEntry{
	{"main", "/key-messages", "Key messages", "Mensajes clave"},
	{"main", "/call-to-action", "Call to Action", "Llamado a la acción"},
	{"main", "/toolkit", "Toolkit", "Herramientas"},
	{"main", "/resources", "Resources", "Recursos"},
	{"main", "/sswweek", "SSWWeek", "SSWWeek"},
	{"main", "/events", "Events", "Eventos"},
	{"footer", "/blog", "Blog", "Blog"},
	{"footer", "/about", "About and contact", "Quiénes somos y contacto"},
	{"footer", "/privacy", "Privacy notice", "Aviso de privacidad"},
	{"footer", "/accessibility", "Accessibility", "Accesibilidad"},
}

// menuNames are what screen readers announce for each menu.
var menuNames = map[string][2]string{"main": {"Main", "Principal"}, "footer": {"About this site", "Sobre este sitio"}}

// loadMenus writes the menus' names and entries. The two menus are fixed
// (the migration made them); their entries went with the rest of the
// content.
func loadMenus(w *writer) error {
	for _, slug := range []string{"main", "footer"} {
		n := menuNames[slug]
		if _, err := content.MenuKind.Save(w.ctx, w.db, slug, content.Doc{"name.en": n[0], "name.es": n[1]}); err != nil {
			return err
		}
	}
	return each(menus, func(e menuEntry) error {
		_, err := w.create(content.MenuEntryKind, e.menu, content.Doc{"target": e.target, "label.en": e.en, "label.es": e.es})
		return err
	})
}
