#!/usr/bin/env python3
"""A small mail load against one user container on 127.0.0.1: the relay delivers MESSAGES messages over SMTP,
then SESSIONS IMAP sessions (one after another) log in, select INBOX and fetch every message.

usage: load.py SMTP_PORT IMAP_PORT RELAY_SECRET PASSWORD MESSAGES SESSIONS
Prints the seconds the first message took to be accepted (from the first connection attempt), bounded by 600 s.
"""
import imaplib
import smtplib
import sys
import time

smtp_port, imap_port = int(sys.argv[1]), int(sys.argv[2])
relay_secret, password = sys.argv[3], sys.argv[4]
messages, sessions = int(sys.argv[5]), int(sys.argv[6])
BOX = "box@bob.example.test"


def deliver(smtp, i):
    body = (f"From: load@example.org\r\nTo: {BOX}\r\nSubject: load {i}\r\n\r\n" + "line of text\r\n" * 200)
    smtp.sendmail("load@example.org", [BOX], body)


start = time.monotonic()
first = None
while first is None:
    try:
        with smtplib.SMTP("127.0.0.1", smtp_port, timeout=30) as smtp:
            smtp.login("relay", relay_secret)
            deliver(smtp, 0)
            first = time.monotonic() - start
            for i in range(1, messages):
                deliver(smtp, i)
    except (OSError, smtplib.SMTPException):
        if time.monotonic() - start > 600:
            sys.exit("no SMTP answer within 600 s")
        time.sleep(1)

for _ in range(sessions):
    imap = imaplib.IMAP4("127.0.0.1", imap_port, timeout=60)
    imap.login(BOX, password)
    typ, data = imap.select("INBOX")
    count = int(data[0])
    if count < messages:
        sys.exit(f"INBOX has {count} messages, expected {messages}")
    imap.fetch(f"1:{count}", "(FLAGS BODY.PEEK[])")
    imap.logout()
print(f"{first:.1f}")
