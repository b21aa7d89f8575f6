#!/usr/bin/env python3
"""Mail load against one user container on 127.0.0.1.

usage: load.py SMTP_PORT IMAP_PORT RELAY_SECRET PASSWORD MESSAGES SESSIONS [--seconds S] [--big-mib M]

Default: the relay delivers MESSAGES messages over SMTP, then SESSIONS IMAP sessions (one after another) log in,
select INBOX and fetch every message; prints the seconds the first message took to be accepted (from the first
connection attempt, bounded by 600 s).

--seconds S: a sustained load instead, for S seconds: the relay delivers messages of 2 KiB to 300 KiB (some with a
base64 attachment) one after another over SMTP, while SESSIONS IMAP sessions each log in, fetch the newest 20
messages whole, SEARCH TEXT over the mailbox, set and clear flags, log out, and begin again. Bounded by S and by
MESSAGES deliveries. Prints "deliveries imap_rounds".

--big-mib M: the large-message check: delivers a message of M MiB of text and one of M MiB with a base64
attachment, fetches each whole over IMAP (comparing its size) and runs SEARCH TEXT over the whole mailbox.
Prints the seconds each step took.
"""
import base64
import imaplib
import os
import random
import smtplib
import sys
import threading
import time

args = sys.argv[1:]
seconds = 0
big_mib = 0
while "--seconds" in args or "--big-mib" in args:
    for flag in ("--seconds", "--big-mib"):
        if flag in args:
            i = args.index(flag)
            value = int(args[i + 1])
            del args[i:i + 2]
            if flag == "--seconds":
                seconds = value
            else:
                big_mib = value
smtp_port, imap_port = int(args[0]), int(args[1])
relay_secret, password = args[2], args[3]
messages, sessions = int(args[4]), int(args[5])
BOX = "box@bob.example.test"
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"]


def text_message(i, size):
    rng = random.Random(i)
    lines = []
    total = 0
    while total < size:
        line = " ".join(rng.choice(WORDS) for _ in range(10)) + "\r\n"
        lines.append(line)
        total += len(line)
    return (f"From: load@example.org\r\nTo: {BOX}\r\nSubject: load {i} {rng.choice(WORDS)}\r\n"
            f"Message-ID: <load-{i}-{time.monotonic_ns()}@example.org>\r\n\r\n" + "".join(lines))


def attachment_message(i, text_size, attachment_size):
    text = text_message(i, text_size).split("\r\n\r\n", 1)[1]
    data = base64.encodebytes(os.urandom(attachment_size)).decode("ascii").replace("\n", "\r\n")
    return (f"From: load@example.org\r\nTo: {BOX}\r\nSubject: attachment {i}\r\n"
            f"Message-ID: <att-{i}-{time.monotonic_ns()}@example.org>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"b0undary\"\r\n\r\n"
            "--b0undary\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text +
            "\r\n--b0undary\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + data + "\r\n--b0undary--\r\n")


def deliver(smtp, i, body=None):
    if body is None:
        body = (f"From: load@example.org\r\nTo: {BOX}\r\nSubject: load {i}\r\n\r\n" + "line of text\r\n" * 200)
    smtp.sendmail("load@example.org", [BOX], body)


def relay():
    smtp = smtplib.SMTP("127.0.0.1", smtp_port, timeout=120)
    smtp.login("relay", relay_secret)
    return smtp


def imap_session():
    imap = imaplib.IMAP4("127.0.0.1", imap_port, timeout=300)
    imap.login(BOX, password)
    return imap


def simple():
    start = time.monotonic()
    first = None
    while first is None:
        try:
            with relay() as smtp:
                deliver(smtp, 0)
                first = time.monotonic() - start
                for i in range(1, messages):
                    deliver(smtp, i)
        except (OSError, smtplib.SMTPException):
            if time.monotonic() - start > 600:
                sys.exit("no SMTP answer within 600 s")
            time.sleep(0.2)

    for _ in range(sessions):
        imap = imap_session()
        typ, data = imap.select("INBOX")
        count = int(data[0])
        if count < messages:
            sys.exit(f"INBOX has {count} messages, expected {messages}")
        imap.fetch(f"1:{count}", "(FLAGS BODY.PEEK[])")
        imap.logout()
    print(f"{first:.1f}")


def sustained():
    deadline = time.monotonic() + seconds
    counts = {"delivered": 0, "rounds": 0}
    errors = []
    lock = threading.Lock()

    def deliverer():
        i = 0
        try:
            while time.monotonic() < deadline and i < messages:
                with relay() as smtp:
                    for _ in range(20):
                        if time.monotonic() >= deadline or i >= messages:
                            break
                        rng = random.Random(i)
                        if i % 5 == 4:
                            body = attachment_message(i, rng.randint(1, 8) * 1024, rng.randint(50, 220) * 1024)
                        else:
                            body = text_message(i, rng.randint(2, 60) * 1024)
                        deliver(smtp, i, body)
                        i += 1
                        with lock:
                            counts["delivered"] += 1
        except Exception as e:  # reported below: the load failed
            errors.append(f"delivery {i}: {e!r}")

    def reader(n):
        rng = random.Random(1000 + n)
        try:
            while time.monotonic() < deadline:
                imap = imap_session()
                typ, data = imap.select("INBOX")
                count = int(data[0])
                if count > 0:
                    low = max(1, count - 19)
                    imap.fetch(f"{low}:{count}", "(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[])")
                    imap.search(None, "TEXT", rng.choice(WORDS))
                    imap.uid("SEARCH", "UNSEEN", "SUBJECT", rng.choice(WORDS))
                    imap.store(f"{low}:{count}", "+FLAGS", "(\\Seen \\Flagged)")
                    imap.store(f"{low}:{count}", "-FLAGS", "(\\Flagged)")
                imap.logout()
                with lock:
                    counts["rounds"] += 1
                time.sleep(0.2)
        except Exception as e:
            errors.append(f"IMAP session {n}: {e!r}")

    threads = [threading.Thread(target=deliverer)] + [threading.Thread(target=reader, args=(n,)) for n in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 600)
    if errors:
        sys.exit("; ".join(errors))
    print(counts["delivered"], counts["rounds"])


def big():
    size = big_mib * 1024 * 1024
    steps = []
    t = time.monotonic()
    with relay() as smtp:
        deliver(smtp, 1, text_message(1, size))
        deliver(smtp, 2, attachment_message(2, 64 * 1024, size * 3 // 4))
    steps.append(f"delivered 2 x {big_mib} MiB in {time.monotonic() - t:.1f}s")
    imap = imap_session()
    typ, data = imap.select("INBOX")
    count = int(data[0])
    for seq in (count - 1, count):
        t = time.monotonic()
        typ, data = imap.fetch(str(seq), "(RFC822.SIZE BODY.PEEK[])")
        if typ != "OK":
            sys.exit(f"FETCH {seq}: {typ} {data}")
        declared = int(data[0][0].split(b"RFC822.SIZE ")[1].split()[0])
        got = len(data[0][1])
        if got != declared or got < size * 0.9:
            sys.exit(f"FETCH {seq}: {got} octets, RFC822.SIZE {declared}")
        steps.append(f"fetched {got} octets in {time.monotonic() - t:.1f}s")
    t = time.monotonic()
    typ, data = imap.search(None, "TEXT", "juliet")
    if typ != "OK":
        sys.exit(f"SEARCH TEXT: {typ} {data}")
    steps.append(f"SEARCH TEXT over {count} messages: {len(data[0].split())} found in {time.monotonic() - t:.1f}s")
    imap.logout()
    print("; ".join(steps))


if big_mib:
    big()
elif seconds:
    sustained()
else:
    simple()
