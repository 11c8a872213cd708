package notify

import (
	"fmt"
	"net/smtp"
	"os"
	"strings"
)

const smtpHost = "smtp.mailer.example.com"

func SendAlert(to, subject, body string) error {
	secret, err := os.ReadFile("/run/secrets/smtp_password")
	if err != nil {
		return err
	}
	auth := smtp.PlainAuth("", "alerts@example.com", strings.TrimSpace(string(secret)), smtpHost)
	msg := []byte(fmt.Sprintf("To: %s\r\nSubject: %s\r\n\r\n%s\r\n", to, subject, body))
	return smtp.SendMail(smtpHost+":587", auth, "alerts@example.com", []string{to}, msg)
}
