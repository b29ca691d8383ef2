#!/usr/bin/env python3
"""English plural forms of the dashboard's %n messages (resources/translations/dstreamlab_en.ts).

Qt shows a numerus source text ("%n block(s)") as written unless a translation gives its forms;
this keeps an English .ts holding only those messages (lupdate -pluralonly), with the singular
and plural forms derived from the source: "(s)" and "(es)" are dropped or kept, and a plain
"%n records" loses its "s" in the singular.

  scripts/en_plurals.py LUPDATE          update dstreamlab_en.ts from the sources
  scripts/en_plurals.py LUPDATE --check  exit 1 naming each %n message without English forms
"""
import glob, html, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TS = os.path.join(ROOT, "resources", "translations", "dstreamlab_en.ts")


def sources():
    files = []
    for pattern in ("ui/*.cpp", "ui/*.h", "app/*.cpp", "app/*.h"):
        files += glob.glob(os.path.join(ROOT, pattern))
    return sorted(files)


# Spark's own texts keep their plural whatever the number (BatchPage: "Input data size: 1 records").
VERBATIM = {"Input data size: %n records"}


def forms(source):
    """(singular, plural) of an English numerus source text."""
    if source in VERBATIM:
        return source, source
    singular = source.replace("(es)", "").replace("(s)", "")
    plural = source.replace("(es)", "es").replace("(s)", "s")
    if singular == source:  # no marker: "%n records" -> "%n record", "%n batches" -> "%n batch"
        singular = re.sub(r"%n (\w+?(?:ch|sh|x|s))es\b", r"%n \1", source, count=1)
        if singular == source:
            singular = re.sub(r"%n (\w+?)s\b", r"%n \1", source, count=1)
    return singular, plural


def run_lupdate(lupdate, out):
    subprocess.run([lupdate, "-silent", "-pluralonly", "-no-obsolete", "-locations", "none",
                    "-target-language", "en", *sources(), "-ts", out], check=True)


def numerus_sources(text):
    return [html.unescape(m) for m in re.findall(
        r'<message numerus="yes">\s*<source>(.*?)</source>', text, re.S)]


def fill(text):
    def fix(m):
        block = m.group(0)
        src = html.unescape(re.search(r"<source>(.*?)</source>", block, re.S).group(1))
        one, many = (html.escape(f, quote=False) for f in forms(src))
        translation = ("<translation>\n            <numerusform>%s</numerusform>\n"
                       "            <numerusform>%s</numerusform>\n        </translation>" % (one, many))
        return re.sub(r"<translation[^>]*>.*?</translation>", translation, block, flags=re.S)
    return re.sub(r'<message numerus="yes">.*?</message>', fix, text, flags=re.S)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    lupdate = sys.argv[1]
    if "--check" in sys.argv[2:]:
        with tempfile.TemporaryDirectory() as d:
            fresh = os.path.join(d, "fresh.ts")
            run_lupdate(lupdate, fresh)
            want = set(numerus_sources(open(fresh, encoding="utf-8").read()))
        have_text = open(TS, encoding="utf-8").read() if os.path.exists(TS) else ""
        have = set(numerus_sources(have_text))
        missing = sorted(want - have)
        for m in missing:
            print("no English plural forms for: %s (run scripts/en_plurals.py %s)" % (m, lupdate))
        unfinished = have_text.count('type="unfinished"')
        if unfinished:
            print("%d unfinished message(s) in %s" % (unfinished, TS))
        sys.exit(1 if missing or unfinished else 0)
    run_lupdate(lupdate, TS)
    text = open(TS, encoding="utf-8").read()
    open(TS, "w", encoding="utf-8").write(fill(text))
    print("%s: %d plural message(s)" % (TS, len(numerus_sources(text))))


if __name__ == "__main__":
    main()
