package i18n

// Interface text of sharing: copy buttons, share links, share kits, the
// share step after signing and the supporter badge.
func init() {
	register(map[string]map[Lang]string{
		"share.copy":             {EN: "Copy", ES: "Copiar"},
		"share.copied":           {EN: "Copied", ES: "Copiado"},
		"share.copy_failed":      {EN: "Could not copy: select the text instead", ES: "No se pudo copiar: seleccione el texto"},
		"share.message_n":        {EN: "message {n}", ES: "mensaje {n}"},
		"share.question_n":       {EN: "question {n}", ES: "pregunta {n}"},
		"share.question_prefix":  {EN: "Q", ES: "P"},
		"share.the_hashtag":      {EN: "the hashtag", ES: "la etiqueta"},
		"share.networks_for":     {EN: "Share message {n} on", ES: "Compartir el mensaje {n} en"},
		"share.posts":            {EN: "Ready-to-post messages", ES: "Mensajes listos para publicar"},
		"share.download.wide":    {EN: "Download the image for X, LinkedIn and Facebook (1200 × 630 PNG)", ES: "Descargar la imagen para X, LinkedIn y Facebook (PNG de 1200 × 630)"},
		"share.download.square":  {EN: "Download the square image for Instagram (1080 × 1080 PNG)", ES: "Descargar la imagen cuadrada para Instagram (PNG de 1080 × 1080)"},
		"share.kit":              {EN: "Share kit", ES: "Kit para compartir"},
		"share.kit.title":        {EN: "Share SSWWeek {year}", ES: "Comparta la SSWWeek {year}"},
		"share.kit.description":  {EN: "Ready-to-post messages, images, the hashtag and the chat questions of Social Service Workforce Week {year}, to copy and share.", ES: "Mensajes listos para publicar, imágenes, la etiqueta y las preguntas de la conversación de la Semana de la Fuerza Laboral del Servicio Social {year}, para copiar y compartir."},
		"share.kit.intro":        {EN: "Everything here is yours to post: copy a message as it is or change it, download an image, and use the hashtag so others can find the conversation. The share links open each network's own page; nothing from them is loaded here.", ES: "Todo lo que hay aquí es para que lo publique: copie un mensaje tal cual o cámbielo, descargue una imagen y use la etiqueta para que otras personas encuentren la conversación. Los enlaces para compartir abren la página de cada red; aquí no se carga nada de ellas."},
		"share.kit.back":         {EN: "Back to the SSWWeek {year} programme", ES: "Volver al programa de la SSWWeek {year}"},
		"share.kit.week":         {EN: "The whole week", ES: "Toda la semana"},
		"share.kit.hashtag":      {EN: "Hashtag:", ES: "Etiqueta:"},
		"share.kit.link":         {EN: "Share kit: messages, images and chat questions", ES: "Kit para compartir: mensajes, imágenes y preguntas"},
		"share.day":              {EN: "Share this day", ES: "Comparta este día"},
		"share.day.more":         {EN: "Images and chat questions for this day", ES: "Imágenes y preguntas de este día"},
		"share.card.alt":         {EN: "Share image: {title}", ES: "Imagen para compartir: {title}"},
		"share.signed.title":     {EN: "Tell others you signed", ES: "Cuente que firmó"},
		"share.signed.text":      {EN: "Every organisation that says so in public brings others along. Copy this post or share it where your organisation is active.", ES: "Cada organización que lo dice en público anima a otras. Copie este mensaje o compártalo donde su organización esté presente."},
		"share.signed.post":      {EN: "{org} has signed the Call to Action for a stronger social service workforce, the people who protect children and support families. Add your organisation:", ES: "{org} firmó el Llamado a la acción por una fuerza laboral del servicio social más fuerte, las personas que protegen a la infancia y apoyan a las familias. Sume a su organización:"},
		"share.signed.post.anon": {EN: "We have signed the Call to Action for a stronger social service workforce, the people who protect children and support families. Add your organisation:", ES: "Firmamos el Llamado a la acción por una fuerza laboral del servicio social más fuerte, las personas que protegen a la infancia y apoyan a las familias. Sume a su organización:"},
		"share.signed.subject":   {EN: "We signed the Call to Action for the social service workforce", ES: "Firmamos el Llamado a la acción por la fuerza laboral del servicio social"},
	})
}
