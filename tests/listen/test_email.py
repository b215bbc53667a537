"""Email parsing against hand-written wire-format samples (tests/fixtures/email/).

The fixtures mimic what real clients send (Thunderbird, Gmail, Outlook, Apple Mail) and
the non-UTF-8 ones are real latin-1 / windows-1252 bytes, so these tests exercise the
decoding paths that break in production, not just the happy UTF-8 path.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tandemdesk.errors import InvalidRecordError, UnusableInputError
from tandemdesk.listen.email import (
    ParsedEmail,
    email_to_message,
    iter_email_files,
    parse_email,
)
from tandemdesk.listen.email_text import decode_bytes, html_to_text, strip_reply, unflow

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "email"
SUPPORT = ["support@shop.example"]


def load(name: str) -> ParsedEmail:
    return parse_email((FIXTURES / name).read_bytes())


def message(
    body: bytes, content_type: bytes = b"text/plain; charset=utf-8", extra: bytes = b""
) -> bytes:
    """A minimal wire message around ``body`` (CRLF, like SMTP)."""
    return (
        b"From: Kim <kim@example.org>\r\nTo: support@shop.example\r\n"
        + extra
        + b"Content-Type: "
        + content_type
        + b"\r\n\r\n"
        + body
    )


# --- fixtures, one by one ----------------------------------------------------------------


def test_plain_utf8_thunderbird_flowed_and_signature() -> None:
    parsed = load("plain_utf8.eml")
    assert parsed.message_id == "3f1c2a9e-7b1d-4c55-9e0a-2d6b1f0c8a11@posteo.de"
    assert parsed.from_name == "Léa Martin"  # raw UTF-8 in the header, not encoded-word
    assert parsed.from_address == "lea.martin@posteo.de"
    assert parsed.to == ["support@shop.example"]
    assert parsed.subject == "Order #48213 charged twice"
    assert parsed.sent_at == datetime(2025, 3, 3, 8, 41, 27, tzinfo=UTC)
    # format=flowed soft breaks are joined into one paragraph line
    assert "my card was charged twice: 2 × 89,90 €. Could you" in parsed.text
    assert "Rue des Lilas" not in parsed.text  # below the "-- " delimiter
    assert parsed.text.endswith("Léa")
    assert "Rue des Lilas" in parsed.full_text
    assert parsed.headers["User-Agent"] == "Mozilla Thunderbird"
    assert not parsed.is_auto_reply


def test_multipart_alternative_prefers_plain_text() -> None:
    parsed = load("multipart_alternative.eml")
    assert parsed.sent_at == datetime(2025, 3, 4, 22, 5, 11, tzinfo=UTC)
    assert parsed.text.startswith("Hi there,\n\nI reset my password yesterday")
    assert 'still says "invalid\ncredentials"' in parsed.text  # the plain part's own wrapping
    assert parsed.attachments == []


def test_html_only_is_converted_without_markup_noise() -> None:
    parsed = load("html_only.eml")
    text = parsed.text
    assert "Hello Support," in text
    assert "my parcel for order 51007 was marked as delivered" in text
    assert "JJD000390007785" in text
    assert "- Ordered: 27.02.2025" in text
    assert "Name Priya Natarajan" in text  # table cells separated, not glued
    for noise in ("*", "_", "#", "https://", "utm_source", "pixel", "tracking", "<", "font-family"):
        assert noise not in text, noise
    assert parsed.from_address == "priya.n@outlook.example"
    assert parsed.cc == ["priya.backup@outlook.example"]


def test_german_latin1_quoted_printable() -> None:
    parsed = load("german_latin1_qp.eml")
    assert parsed.subject == "Rückerstattung Bestellung 77120"
    assert parsed.from_name == "Jürgen Weiß"
    assert "ich möchte die Rückerstattung für meine Bestellung" in parsed.text
    assert "Größe der Jacke" in parsed.text
    assert "Mit freundlichen Grüßen" in parsed.text  # a closing is not a quote
    assert "=FC" not in parsed.full_text


def test_french_windows_1252() -> None:
    parsed = load("french_windows1252.eml")
    assert parsed.subject == "Problème de facture – commande 30455"
    assert parsed.from_name == "Céline Dupré"
    assert "Je n’ai pas reçu la facture" in parsed.text  # 0x92 is a curly apostrophe
    assert "120 €" in parsed.text  # 0x80 is the euro sign
    assert "Mon cœur de métier" in parsed.text
    assert "comptabilité…" in parsed.text
    assert "\r" not in parsed.full_text


def test_base64_body() -> None:
    parsed = load("base64_body.eml")
    assert parsed.from_name == "Tomás Ortega"
    assert "open the “Orders” tab on my iPhone 15" in parsed.text
    assert parsed.headers["X-Mailer"] == "iPhone Mail (22D63)"


def test_attachments_are_listed_not_kept() -> None:
    parsed = load("attachments.eml")
    assert parsed.attachments == [
        {"filename": "shade.png", "content_type": "image/png", "size": 70},
        {"filename": "Rechnung März.pdf", "content_type": "application/pdf", "size": 125},
    ]
    assert "the lamp arrived with a cracked shade" in parsed.text
    assert parsed.text.count("the lamp arrived") == 1  # the HTML alternative is not added


def test_reply_english_gmail_top_posted() -> None:
    parsed = load("reply_en_gmail.eml")
    assert parsed.text == "That worked, thank you! Clearing the cookies did it.\n\n- Sam"
    assert "please clear your browser cookies" in parsed.full_text
    assert parsed.in_reply_to == "td-48213-1741128000.1@shop.example"
    assert parsed.references == [
        "CAJx8fQm2Zt9kR1vP0yL3sW4nE5bH6cD7gA8uT9iO0pQ1rS2tU3v@mail.gmail.com",
        "td-48213-1741128000.1@shop.example",
    ]


def test_reply_german_bottom_posted() -> None:
    parsed = load("reply_de_thunderbird.eml")
    assert parsed.text == (
        "Vielen Dank, die Jacke ist heute an Sie rausgegangen. "
        "Die Sendungsnummer ist 00340434161094042557."
    )
    assert parsed.subject == "Re: Rückerstattung Bestellung 77120"


def test_reply_outlook_original_message_block() -> None:
    parsed = load("reply_outlook.eml")
    assert parsed.text == (
        "Merci, j'ai bien reçu la facture.\n"
        "Par contre le montant TTC est faux : 120 € au lieu de 100 €.\n\nCéline"
    )
    assert "-----Original Message-----" in parsed.full_text
    assert parsed.headers["Thread-Index"] == "AQHbj2Vx5Vd0hM3pT0y7fG3lK9sW1w=="


def test_encoded_word_subject_and_name() -> None:
    parsed = load("encoded_subject.eml")
    assert parsed.subject == "Försäljning – fel pris — 😕"
    assert parsed.from_name == "Björn Åström"
    assert parsed.text == "Hej! Priset i kassan var 499 kr men produktsidan säger 399 kr."


def test_wrong_declared_charset_falls_back() -> None:
    parsed = load("wrong_charset.eml")  # says UTF-8, bytes are latin-1
    assert parsed.text.endswith("Grüße aus Köln")
    assert "\ufffd" not in parsed.full_text


def test_auto_reply_is_flagged() -> None:
    parsed = load("auto_reply.eml")
    assert parsed.is_auto_reply
    assert parsed.headers["Auto-Submitted"] == "auto-replied"
    assert parsed.in_reply_to == "td-60211-1741867000.4@shop.example"
    _, record = email_to_message(parsed, SUPPORT)
    assert record.meta["auto_reply"] is True


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (b"Auto-Submitted: auto-generated\r\n", True),
        (b"Auto-Submitted: no\r\n", False),
        (b"X-Autorespond: yes\r\n", True),
        (b"Precedence: bulk\r\n", True),
        (b"Precedence: list\r\n", False),
        (b"Return-Path: <>\r\n", True),
        (b"List-Id: <news.outdoor.example>\r\n", True),
        (b"X-Auto-Response-Suppress: All\r\n", True),
        (b"Subject: Automatic reply: your order\r\n", True),
        (b"Subject: Abwesenheitsnotiz: Bestellung\r\n", True),
        (b"Subject: R\xc3\xa9ponse automatique : commande\r\n", True),
        (b"Subject: Undeliverable: Re: your parcel\r\n", True),
        (b"Subject: My automatic reply settings are broken, help\r\n", False),
        (b"Subject: Out of office hours delivery possible?\r\n", False),
        (b"", False),
    ],
)
def test_auto_reply_headers(header: bytes, expected: bool) -> None:
    assert parse_email(message(b"hello", extra=header)).is_auto_reply is expected


def test_a_plain_text_bounce_from_the_mailer_daemon_is_automatic() -> None:
    bounce = message(b"This is the mail system at host mx.example. I'm sorry ...").replace(
        b"From: Kim <kim@example.org>", b"From: Mail Delivery System <MAILER-DAEMON@mx.example>"
    )
    assert parse_email(bounce).is_auto_reply


# --- mbox and file iteration ------------------------------------------------------------


def test_mbox_thread_maps_to_customer_agent_customer() -> None:
    path = FIXTURES / "thread.mbox"
    items = list(iter_email_files(path))
    assert [location for location, _ in items] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    parsed = [parse_email(raw) for _, raw in items]
    records = [email_to_message(p, SUPPORT) for p in parsed]
    assert [record.author for _, record in records] == ["customer", "agent", "customer"]
    assert {customer.email for customer, _ in records} == {"mia.schmidt@example.net"}
    assert records[0][0].name == "Mia Schmidt"
    assert records[1][0].name is None  # To has no names in ParsedEmail: address only
    first, second, third = (record for _, record in records)
    assert second.in_reply_to == first.external_id == "a1@example.net"
    assert third.references == ["a1@example.net", "td-81234-1.1@shop.example"]
    assert second.text.endswith("keep the green one.\n\nAnna")
    assert third.text == "Great, thank you!"
    assert first.meta["subject"] == "Wrong colour delivered"
    # mboxo escaped a body line as ">From "; it must come back as text, not as a quote
    assert "From what I see on the packing slip" in first.text


def test_iter_email_files_directory_single_file_and_errors(tmp_path: Path) -> None:
    locations = [location for location, _ in iter_email_files(FIXTURES)]
    names = [Path(location).name for location in locations]
    assert names == sorted(names) and "plain_utf8.eml" in names
    assert all(name.endswith(".eml") for name in names)  # the .mbox is not picked up

    single = FIXTURES / "plain_utf8.eml"
    assert list(iter_email_files(single)) == [(str(single), single.read_bytes())]

    nested = tmp_path / "b" / "deeper"
    nested.mkdir(parents=True)
    (nested / "z.eml").write_bytes(message(b"z"))
    (tmp_path / "a.EML").write_bytes(message(b"a"))
    (tmp_path / "notes.txt").write_text("not mail")
    found = [
        Path(location).relative_to(tmp_path).as_posix()
        for location, _ in iter_email_files(tmp_path)
    ]
    assert found == ["a.EML", "b/deeper/z.eml"]

    with pytest.raises(UnusableInputError, match="not found"):
        iter_email_files(tmp_path / "missing.mbox")  # raises at the call, not on next()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UnusableInputError, match=r"no \.eml files"):
        iter_email_files(empty)


def test_mbox_detected_by_from_line_without_suffix(tmp_path: Path) -> None:
    export = tmp_path / "Inbox"
    export.write_bytes((FIXTURES / "thread.mbox").read_bytes())
    assert [location for location, _ in iter_email_files(export)][-1] == f"{export}#3"


# --- decoding edge cases ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "charset", "expected"),
    [
        (
            "Здравствуйте, заказ не пришёл.".encode("koi8-r"),
            b"koi8-r",
            "Здравствуйте, заказ не пришёл.",
        ),
        ("注文が届きません。".encode("iso-2022-jp"), b"ISO-2022-JP", "注文が届きません。"),
        ("Grüße".encode("latin-1"), b"x-klingon", "Grüße"),  # unknown charset
        ("Grüße".encode(), b"iso-8859-1", "Grüße"),  # UTF-8 labelled latin-1
        (b"\xe2\x80\x9cquoted\xe2\x80\x9d", b"us-ascii", "“quoted”"),
        (b"5 \x80 only", b"iso-8859-1", "5 € only"),  # latin-1 label, windows-1252 bytes
    ],
)
def test_charsets(body: bytes, charset: bytes, expected: str) -> None:
    parsed = parse_email(message(body, b"text/plain; charset=" + charset))
    assert parsed.text == expected


def test_iso_2022_jp_encoded_word_subject() -> None:
    encoded = base64.b64encode("注文について".encode("iso-2022-jp"))
    parsed = parse_email(message(b"x", extra=b"Subject: =?ISO-2022-JP?B?" + encoded + b"?=\r\n"))
    assert parsed.subject == "注文について"


def test_raw_8bit_latin1_subject_is_recovered() -> None:
    parsed = parse_email(message(b"x", extra=b"Subject: Gr\xfc\xdfe\r\n"))
    assert parsed.subject == "Grüße"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (b"Date: Tuesday sometime\r\n", None),
        (b"Date: Mon, 32 Foo 2025 99:99:99 +0100\r\n", None),
        (b"", None),
        (b"Date: Mon, 3 Mar 2025 10:00:00 -0000\r\n", datetime(2025, 3, 3, 10, tzinfo=UTC)),
        (b"Date: 3 Mar 2025 12:00 +0200\r\n", datetime(2025, 3, 3, 10, tzinfo=UTC)),
    ],
)
def test_dates(date: bytes, expected: datetime | None) -> None:
    assert parse_email(message(b"x", extra=date)).sent_at == expected


def test_missing_ids_and_odd_ids() -> None:
    parsed = parse_email(message(b"x"))
    assert (parsed.message_id, parsed.in_reply_to, parsed.references) == (None, None, [])
    parsed = parse_email(
        message(
            b"x",
            extra=b"Message-ID: bare-id@host\r\nIn-Reply-To: <p@h> (Kim's message of Monday)\r\n"
            b"References: <a@h>\r\n <p@h> <a@h>\r\n",
        )
    )
    assert parsed.message_id == "bare-id@host"
    assert parsed.in_reply_to == "p@h"
    assert parsed.references == ["a@h", "p@h"]


def test_html_fallback_when_plain_part_is_empty() -> None:
    raw = message(
        b"--b\r\nContent-Type: text/plain\r\n\r\n \r\n--b\r\nContent-Type: text/html\r\n\r\n"
        b"<p>Order <b>77</b> is late</p>\r\n--b--\r\n",
        b'multipart/alternative; boundary="b"',
    )
    assert parse_email(raw).text == "Order 77 is late"


def test_forwarded_email_attachment_and_pgp_signature() -> None:
    inner = b"From: x@y.example\r\nSubject: old\r\n\r\nold body\r\n"
    raw = message(
        b"--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
        b"--b\r\nContent-Type: message/rfc822\r\n\r\n" + inner + b"\r\n"
        b"--b\r\nContent-Type: application/pgp-signature; name=signature.asc\r\n\r\n-----BEGIN\r\n"
        b"--b--\r\n",
        b'multipart/mixed; boundary="b"',
    )
    parsed = parse_email(raw)
    assert parsed.text == "See attached."
    assert [a["content_type"] for a in parsed.attachments] == ["message/rfc822"]
    assert parsed.attachments[0]["size"] > 0


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"  \r\n\r\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        bytes(range(256)) * 8,
        b"just some words\nand no headers at all\n",
    ],
)
def test_not_an_email(data: bytes) -> None:
    with pytest.raises(InvalidRecordError, match="not an email"):
        parse_email(data)


# --- reply stripping --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gracias, ya funciona.\n\n"
            "El lun, 3 mar 2025 a las 10:12, Soporte (<support@shop.example>) escribió:\n"
            "> Pruebe otra vez.",
            "Gracias, ya funciona.",
        ),
        ("Merci !\n\nLe 03/03/2025 à 10:12, Support a écrit :\n> Essayez.", "Merci !"),
        (
            "Danke.\n\n-----Ursprüngliche Nachricht-----\nVon: Support <s@x.example>\n"
            "Gesendet: Montag, 3. März 2025 10:12\nAn: Max\nBetreff: AW: x\n\nBitte erneut.",
            "Danke.",
        ),
        (
            "Still broken.\n\n________________________________\nFrom: Support <s@x.example>\n"
            "Sent: Monday, March 3, 2025 10:12 AM\nTo: Jane\nSubject: RE: x\n\nPlease try again.",
            "Still broken.",
        ),
        (
            "Hi,\n\n> Which browser?\n\nFirefox 123.\n\n> Which OS?\n\nLinux.",
            "Hi,\n\nFirefox 123.\n\nLinux.",
        ),
        ("Sure.\n\nJane Doe wrote:\n> old", "Sure."),
        (
            "My colleague wrote:\nplease fix the invoice",
            "My colleague wrote:\nplease fix the invoice",
        ),
        (
            "Steps:\n- open app\n- tap orders\n\nThanks,\nJane",
            "Steps:\n- open app\n- tap orders\n\nThanks,\nJane",
        ),
        ("Path is C:\\temp\\x\n\n-- \nJane\nCEO", "Path is C:\\temp\\x"),
    ],
)
def test_strip_reply(text: str, expected: str) -> None:
    assert strip_reply(text) == expected


def test_strip_reply_keeps_whole_text_when_only_a_quote() -> None:
    only_quote = "On Mon, Mar 3, 2025 at 10:12 AM Support <s@x.example> wrote:\n> Please try again."
    assert strip_reply(only_quote) == only_quote


def test_strip_reply_keeps_forwarded_content() -> None:
    text = (
        "FYI, see below.\n\n---------- Forwarded message ---------\n"
        "From: Shop <noreply@shop.example>\nDate: Mon, Mar 3, 2025 at 10:12 AM\n"
        "Subject: Your order\nTo: <bob@x.example>\n\nYour order has shipped."
    )
    assert strip_reply(text) == text


def test_html_replies_gmail_and_outlook() -> None:
    gmail = (
        '<div dir="ltr">Thanks, it works now.<br></div><br><div class="gmail_quote">'
        '<div class="gmail_attr">On Mon, Mar 3, 2025 at 10:12 AM Shop Support &lt;<a href="mailto:'
        's@x.example">s@x.example</a>&gt; wrote:<br></div><blockquote class="gmail_quote">'
        "<div>Please try again.</div></blockquote></div>"
    )
    outlook = (
        '<p class="MsoNormal">Still broken, sorry.<o:p></o:p></p><div style="border-top:solid">'
        '<p class="MsoNormal"><b>From:</b> Shop Support &lt;s@x.example&gt;<br><b>Sent:</b> Monday,'
        " March 3, 2025 10:12 AM<br><b>To:</b> Jane<br><b>Subject:</b> RE: Login</p></div>"
        "<p>Please try again.</p>"
    )
    assert strip_reply(html_to_text(gmail)).strip() == "Thanks, it works now."
    assert strip_reply(html_to_text(outlook)).strip() == "Still broken, sorry."


def test_strip_reply_is_fast_on_hostile_lines() -> None:
    text = "\n".join(["On " + "ab " * 160 + "wrote " + "cd " * 159 + "cd"] * 200)
    assert strip_reply(text) == text  # nothing recognised; and no regex blow-up


# --- helpers ----------------------------------------------------------------------------


def test_unflow_rfc3676() -> None:
    flowed = "A long \nparagraph.\n> quoted \n> line\n-- \nsig"
    assert unflow(flowed, delsp=False) == "A long paragraph.\n> quoted line\n-- \nsig"
    assert unflow("split-\nword \nend", delsp=True) == "split-\nwordend"


def test_decode_bytes_never_raises() -> None:
    assert decode_bytes(b"\x81\x8d\x8f", "windows-1252") == "\x81\x8d\x8f"  # latin-1 last resort
    assert decode_bytes(b"plain", None) == "plain"


def test_html_to_text_keeps_backslashes_and_numbers() -> None:
    text = html_to_text("<p>C:\\Users\\kim<br>1. first<br>- dash</p><h1>Title</h1>")
    assert "C:\\Users\\kim" in text
    assert "1. first" in text and "- dash" in text
    assert "Title" in text and "#" not in text


# --- records ----------------------------------------------------------------------------


def test_email_to_message_customer() -> None:
    customer, record = email_to_message(load("german_latin1_qp.eml"), SUPPORT)
    assert customer.email == "j.weiss@t-online.example"
    assert customer.name == "Jürgen Weiß"
    assert record.author == "customer"
    assert record.external_id == "000001db8c2a$1f3e5a70$5dbb0f50$@t-online.example"
    assert record.sent_at == datetime(2025, 3, 6, 7, 2, 44, tzinfo=UTC)
    assert record.meta["subject"] == "Rückerstattung Bestellung 77120"


def test_email_to_message_agent_and_domain_match() -> None:
    raw = (
        b"From: Anna <anna@shop.example>\r\nTo: Team <help@shop.example>, kim@example.org\r\n"
        b"Subject: Re: x\r\n\r\nDone.\r\n"
    )
    parsed = parse_email(raw)
    customer, record = email_to_message(parsed, ["Help Desk <HELP@shop.example>", "@shop.example"])
    assert record.author == "agent"
    assert customer.email == "kim@example.org"
    customer, record = email_to_message(parsed, ["help@shop.example"])
    assert record.author == "customer" and customer.email == "anna@shop.example"


def test_email_to_message_attachment_only_keeps_subject_or_names() -> None:
    pdf = (
        b"Content-Type: application/pdf; name=scan.pdf\r\nContent-Transfer-Encoding: base64\r\n"
        b"\r\nJVBERi0=\r\n"
    )
    with_subject = parse_email(b"From: kim@example.org\r\nSubject: Scan\r\n" + pdf)
    assert with_subject.text == ""
    _, record = email_to_message(with_subject, SUPPORT)
    assert record.text == "Scan" and record.meta["no_body"] is True
    assert record.attachments == [
        {"filename": "scan.pdf", "content_type": "application/pdf", "size": 5}
    ]
    _, record = email_to_message(parse_email(b"From: kim@example.org\r\n" + pdf), SUPPORT)
    assert record.text == "(attachments: scan.pdf)"
    with pytest.raises(InvalidRecordError, match="no text"):
        email_to_message(parse_email(b"From: kim@example.org\r\n\r\n"), SUPPORT)
