/*
 * mail.c: the message around the parts: headers, the text part and the
 * MIME frame.  Nothing here is markup: the HTML part is mail-html.c's,
 * written through buf_fmt's escaping conversions.  Header values come
 * from message_one_line() (no CR or LF can end a header early) or
 * mail_header_text() (encoded-words); addresses were checked
 * (target_check_email, LANTERN_MAIL_FROM at start-up).  Both parts travel
 * as base64, so no line of an operator's text can pass SMTP's 998
 * octets or start with a dot.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "mail.h"
#include "message.h"
#include "notify-config.h"

void
mail_base64_lines(struct buf *b, const char *s, size_t n)
{
	unsigned char	out[80];
	size_t		chunk;
	int		len;

	/* 57 bytes make 76 characters. */
	while (n > 0) {
		chunk = n < 57 ? n : 57;
		len = EVP_EncodeBlock(out, (const unsigned char *)s, (int)chunk);
		buf_append(b, (const char *)out, (size_t)len);
		buf_append(b, "\r\n", 2);
		s += chunk;
		n -= chunk;
	}
}

static int
plain_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* The length of the UTF-8 sequence s starts: a byte that starts none counts alone. */
static size_t
seq_len(const unsigned char *s)
{
	if (*s >= 0xf0)
		return 4;
	if (*s >= 0xe0)
		return 3;
	if (*s >= 0xc0)
		return 2;
	return 1;
}

void
mail_header_text(struct buf *b, const char *s)
{
	unsigned char	out[64];
	size_t		n, len, step;
	int		first = 1, enc;

	if (strlen(s) < 900 && plain_ascii(s)) {
		buf_puts(b, s);
		return;
	}
	len = strlen(s);
	while (len > 0) {
		/* 45 bytes are 60 base64 characters: a word of 72 octets. */
		for (n = 0; n < len; n += step) {
			step = seq_len((const unsigned char *)s + n);
			if (n + step > 45 || n + step > len)
				break;
		}
		if (n == 0)
			n = len < 45 ? len : 45;
		enc = EVP_EncodeBlock(out, (const unsigned char *)s, (int)n);
		if (!first)
			buf_append(b, "\r\n ", 3);
		buf_puts(b, "=?UTF-8?B?");
		buf_append(b, (const char *)out, (size_t)enc);
		buf_puts(b, "?=");
		first = 0;
		s += n;
		len -= n;
	}
}

/* The text part: the same message as the HTML part, in words. */
static void
text_part(struct buf *t, const struct message *m)
{
	if (m->d->kind == EVENT_CONFIRMATION) {
		buf_printf(t, "Someone, we hope you, asked for updates from %s "
		    "at this address.\r\n\r\nTo confirm, open this link:\r\n%s\r\n\r\n"
		    "If it was not you, ignore this message: nothing more will "
		    "be sent.\r\n", m->page_name, m->confirm_url);
		return;
	}
	if (m->d->kind == EVENT_COMPONENT) {
		buf_printf(t, "%s\r\n\r\n%s", m->summary, m->component_name);
		if (m->old_status != NULL)
			buf_printf(t, " was %s and", m->old_status);
		buf_printf(t, " is now %s.\r\n", m->new_status != NULL ?
		    m->new_status : "changed");
	} else {
		buf_printf(t, "%s\r\n\r\nStatus: %s\r\n", message_one_line(
		    t->arena, m->incident_name), m->status_label != NULL ?
		    m->status_label : "Update");
		if (m->impact_label != NULL)
			buf_printf(t, "Impact: %s\r\n", m->impact_label);
		if (m->update_time != NULL)
			buf_printf(t, "Posted: %s\r\n", m->update_time);
		if (m->update_body != NULL)
			buf_printf(t, "\r\n%s\r\n", m->update_body);
	}
	if (m->page_status != NULL)
		buf_printf(t, "\r\n%s now: %s\r\n", m->page_name, m->page_status);
	buf_printf(t, "\r\nDetails: %s\r\n\r\n-- \r\nYou get this because you "
	    "subscribed to %s.\r\nManage your subscription: %s\r\n"
	    "Unsubscribe: %s\r\n", m->subject_url, m->page_name, m->manage_url,
	    m->unsubscribe_url);
}

void
mail_render(struct buf *b, const struct notify_config *cfg,
    const struct message *m, time_t now)
{
	struct buf	 part;
	char		 date[32], boundary[64];

	clock_mail_date(now, date);
	/* No text or base64 line can hold it: "=_" never appears in base64. */
	snprintf(boundary, sizeof(boundary), "=_lantern_%lld_%lld",
	    m->d->id, (long long)now);
	buf_printf(b, "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: ", date,
	    cfg->mail_from, m->d->address);
	mail_header_text(b, m->subject);
	buf_printf(b, "\r\nMessage-ID: <lantern-delivery-%lld@%s>\r\n",
	    m->d->id, cfg->mail_host);
	buf_puts(b, "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n");
	if (m->d->kind != EVENT_CONFIRMATION)
		/* RFC 2369 and RFC 8058: the mail client's own unsubscribe. */
		buf_printf(b, "List-Unsubscribe: <%s>\r\nList-Unsubscribe-Post: "
		    "List-Unsubscribe=One-Click\r\n", m->unsubscribe_url);
	buf_printf(b, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n"
	    "\r\nThis is a message in MIME format.\r\n", boundary);

	buf_init(&part, b->arena);
	text_part(&part, m);
	buf_printf(b, "\r\n--%s\r\nContent-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", boundary);
	mail_base64_lines(b, part.data, part.len);

	buf_init(&part, b->arena);
	mail_html(&part, m);
	buf_printf(b, "\r\n--%s\r\nContent-Type: text/html; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", boundary);
	mail_base64_lines(b, part.data, part.len);
	buf_printf(b, "\r\n--%s--\r\n", boundary);
}
