// Package mapping turns an ERP record into what each channel sends: Go
// templates with Turkish helpers (money, dates, case folding), recipient
// normalisation (E.164 mobiles, e-mail addresses), SMS encoding and segment
// counting, and WhatsApp template parameters. It does no I/O: a record that
// cannot become a message is returned as a skip with its reason, never an
// error that stops a run. The template helpers are described in docs/templates.md.
package mapping
