package i18n

// Interface text of the menus built into the layout, shown when the
// stored menus cannot be read, and of the marks on their links.
func init() {
	register(map[string]map[Lang]string{
		"menus.footer.name":   {EN: "About this site", ES: "Sobre este sitio"},
		"menus.about":         {EN: "About and contact", ES: "Quiénes somos y contacto"},
		"menus.privacy":       {EN: "Privacy notice", ES: "Aviso de privacidad"},
		"menus.accessibility": {EN: "Accessibility", ES: "Accesibilidad"},
		"menus.external":      {EN: "on another website", ES: "en otro sitio web"},
	})
}
