package i18n

// Interface text of custom pages and the links to the privacy notice.
func init() {
	register(map[string]map[Lang]string{
		"pages.privacy_link": {EN: "How we use and protect what you send us (privacy notice)", ES: "Cómo usamos y protegemos lo que nos envía (aviso de privacidad)"},
	})
}
