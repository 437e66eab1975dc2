package i18n

// Interface text of the bounded views of the signatories: the note under
// a wall that shows only the latest, and the pages of the list. Keys
// start with "cta." like the rest of the signing pages'.
func init() {
	register(map[string]map[Lang]string{
		"cta.wall.some":          {EN: "The {shown} organisations shown here are among the latest to sign. All {n} are in the full list.", ES: "Las {shown} organizaciones que se ven aquí están entre las últimas en firmar. Las {n} figuran en la lista completa."},
		"cta.list.title.page":    {EN: "{title}, page {n} of {pages}", ES: "{title}, página {n} de {pages}"},
		"cta.list.pages":         {EN: "Pages of the list of signatories", ES: "Páginas de la lista de firmantes"},
		"cta.list.page_of":       {EN: "Page {n} of {pages}", ES: "Página {n} de {pages}"},
		"cta.list.page":          {EN: "Page", ES: "Página"},
		"cta.list.prev":          {EN: "Previous page", ES: "Página anterior"},
		"cta.list.next":          {EN: "Next page", ES: "Página siguiente"},
		"cta.list.showing":       {EN: "Showing {from} to {to} of {n}", ES: "Se muestran de la {from} a la {to} de {n}"},
		"cta.list.error.page":    {EN: "There is no page “{v}”. Here is the first page.", ES: "No existe la página «{v}». Esta es la primera."},
		"cta.list.error.no_page": {EN: "There is no page {n}: the list ends at page {pages}. Here is the first page.", ES: "No existe la página {n}: la lista termina en la página {pages}. Esta es la primera."},
	})
}
