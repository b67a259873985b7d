package mapping

import (
	"errors"
	"strings"
)

// Attachment is a file an e-mail carries.
type Attachment struct {
	Name        string // the file name the customer sees ("Ekstre 2026-11.pdf")
	ContentType string // "application/pdf"
	Data        []byte
}

// AttachmentSpec makes one attachment from a record. Make does no I/O: it
// builds the file from the record alone (a statement PDF from the account's
// movements), so the mapping stays a pure function of the row.
type AttachmentSpec struct {
	Name        *Template
	ContentType string
	Make        func(Record) ([]byte, error)
}

// The reason a message whose attachment could not be made is skipped with.
const ReasonAttachmentFailed = "skip.attachment_failed" // name; detail: what failed

func makeAttachments(specs []AttachmentSpec, rec Record) ([]Attachment, error) {
	var out []Attachment
	for _, a := range specs {
		name, err := a.Name.ExecuteLimit(rec, 255)
		if err != nil {
			return nil, &SkipError{Reason: R(ReasonAttachmentFailed, "name", a.Name.name).WithDetail(err.Error())}
		}
		name = strings.TrimSpace(name)
		data, err := a.Make(rec)
		if errors.Is(err, ErrTooLong) || len(data) > LimitAttachment {
			return nil, skip(ReasonTooLong, "channel", "email", "limit", LimitAttachment)
		}
		if err != nil {
			return nil, &SkipError{Reason: R(ReasonAttachmentFailed, "name", name).WithDetail(err.Error())}
		}
		out = append(out, Attachment{Name: name, ContentType: a.ContentType, Data: data})
	}
	return out, nil
}
