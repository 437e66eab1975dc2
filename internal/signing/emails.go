package signing

import (
	"fmt"
	"strings"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

// composer writes one email in lang: its subject and plain-text body.
type composer func(lang i18n.Lang, sig store.Signatory, site string, args ...string) (subject, body string)

// greeting opens every email.
func greeting(lang i18n.Lang, sig store.Signatory) string {
	name := sig.ContactName
	if lang == i18n.ES {
		if name == "" {
			return "Hola:"
		}
		return "Hola, " + name + ":"
	}
	if name == "" {
		return "Hello,"
	}
	return "Hello " + name + ","
}

func signOff(lang i18n.Lang, site string) string {
	if lang == i18n.ES {
		return "Gracias por apoyar a quienes protegen a la niñez y acompañan a las familias.\n\nCampaña por la fuerza laboral de servicios sociales\n" + site
	}
	return "Thank you for standing with the people who protect children and support families.\n\nSocial Service Workforce campaign\n" + site
}

func body(lang i18n.Lang, sig store.Signatory, site string, paragraphs ...string) string {
	var b strings.Builder
	b.WriteString(greeting(lang, sig))
	for _, p := range paragraphs {
		if p == "" {
			continue
		}
		b.WriteString("\n\n")
		b.WriteString(p)
	}
	b.WriteString("\n\n")
	b.WriteString(signOff(lang, site))
	b.WriteString("\n")
	return b.String()
}

// confirmEmail: args are the confirmation link. It goes to an address
// nobody has confirmed, so its subject is fixed, and the visitor's words
// in it (the names) are only those that passed signing.Check, which
// refuses anything like a link.
func confirmEmail(lang i18n.Lang, sig store.Signatory, site string, args ...string) (string, string) {
	link := args[0]
	if lang == i18n.ES {
		return lang.T("sign.email.confirm.subject"), body(lang, sig, site,
			fmt.Sprintf("Recibimos una solicitud para sumar a %s como firmante del Llamado a la acción, con usted como contacto.", sig.Name),
			"Para confirmar que la envió usted, abra este enlace y pulse «Confirmar»:\n"+link,
			"El enlace vence en 7 días. Si usted no hizo esta solicitud, ignore este mensaje: sin confirmación, la borramos.")
	}
	return lang.T("sign.email.confirm.subject"), body(lang, sig, site,
		fmt.Sprintf("We received a request to add %s as a signatory of the Call to Action, with you as its contact.", sig.Name),
		"To confirm it came from you, open this link and press \"Confirm\":\n"+link,
		"The link stops working after 7 days. If you did not make this request, ignore this email: unconfirmed requests are deleted.")
}

// approvedEmail: args are the withdraw link.
func approvedEmail(lang i18n.Lang, sig store.Signatory, site string, args ...string) (string, string) {
	link := args[0]
	if lang == i18n.ES {
		return sig.Name + " ya figura entre los firmantes", body(lang, sig, site,
			fmt.Sprintf("Revisamos la solicitud y el logotipo de %s ya aparece entre las organizaciones que respaldan el Llamado a la acción:\n%s", sig.Name, strings.TrimSuffix(site, "/")+"/es/call-to-action"),
			"Si algún día su organización desea retirar su firma, use este enlace personal (no lo comparta):\n"+link)
	}
	return sig.Name + " is now a signatory", body(lang, sig, site,
		fmt.Sprintf("We have reviewed the request, and %s's logo is now shown with the organisations supporting the Call to Action:\n%s", sig.Name, strings.TrimSuffix(site, "/")+"/call-to-action"),
		"If your organisation ever wants to withdraw its signature, use this personal link (please do not share it):\n"+link)
}

// rejectedEmail: args are the reason's text and staff's note.
func rejectedEmail(lang i18n.Lang, sig store.Signatory, site string, args ...string) (string, string) {
	reason, note := args[0], args[1]
	if lang == i18n.ES {
		if note != "" {
			note = "Nota del equipo: " + note
		}
		return "Sobre la firma de " + sig.Name, body(lang, sig, site,
			fmt.Sprintf("Gracias por su interés. Esta vez no podemos sumar a %s a los firmantes del Llamado a la acción.", sig.Name),
			"Motivo: "+reason, note,
			"Si cree que se trata de un error, responda a este mensaje o envíe una nueva solicitud.")
	}
	if note != "" {
		note = "A note from the team: " + note
	}
	return "About " + sig.Name + "'s signature", body(lang, sig, site,
		fmt.Sprintf("Thank you for your interest. We are not able to add %s to the signatories of the Call to Action this time.", sig.Name),
		"Reason: "+reason, note,
		"If you think this is a mistake, reply to this email or send a new request.")
}

// changesEmail: args are staff's note and the link to the form.
func changesEmail(lang i18n.Lang, sig store.Signatory, site string, args ...string) (string, string) {
	note, link := args[0], args[1]
	if lang == i18n.ES {
		return "Un cambio antes de publicar la firma de " + sig.Name, body(lang, sig, site,
			fmt.Sprintf("Revisamos la solicitud de %s y necesitamos un cambio antes de mostrarla:", sig.Name),
			note,
			"Corrija los datos o el logotipo aquí (el formulario conserva lo que envió):\n"+link,
			"El enlace vence en 30 días.")
	}
	return "One change before we show " + sig.Name + "'s signature", body(lang, sig, site,
		fmt.Sprintf("We have reviewed the request from %s and need one change before we show it:", sig.Name),
		note,
		"Fix the details or the logo here (the form holds what you sent):\n"+link,
		"The link works for 30 days.")
}
