package notify

import (
	"fmt"
	"net/smtp"
)

const smtpHost = "smtp.mailer.example.com"

func SendAlert(to, subject, body string) error {
	auth := smtp.PlainAuth("", "alerts@example.com", "Al3rts-mail-pass", smtpHost)
	msg := []byte(fmt.Sprintf("To: %s\r\nSubject: %s\r\n\r\n%s\r\n", to, subject, body))
	return smtp.SendMail(smtpHost+":587", auth, "alerts@example.com", []string{to}, msg)
}
