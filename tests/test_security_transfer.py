"""The security engine on the shapes real code takes (issue 11): entry points, callables as values,
typed receivers, framework semantics, precision, and the analysis budget. Each case is a
vulnerable/safe pair that differs only in the shape under test."""

from __future__ import annotations

import textwrap
import time

import pytest

from realcode.analysis.finding import Category
from realcode.analysis.security import analyze_source
from realcode.analysis.security.context import Budget


def cwes(source: str) -> set[int]:
    report = analyze_source(textwrap.dedent(source))
    return {f.cwe for f in report.findings if f.category == Category.SECURITY and f.cwe is not None}


def rules(source: str) -> set[str]:
    return {f.rule_id for f in analyze_source(textwrap.dedent(source)).findings}


# (id, cwe, vulnerable, safe)
PAIRS: list[tuple[str, int, str, str]] = [
    # --- 1. entry points: an example call is code, not proof that a function is internal -------
    ("main-block-does-not-hide", 89, """
        import sqlite3
        def find(conn, name):
            return conn.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchall()
        if __name__ == "__main__":
            print(find(sqlite3.connect(":memory:"), "bob"))
        """, """
        import sqlite3
        def find(conn, name):
            return conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall()
        if __name__ == "__main__":
            print(find(sqlite3.connect(":memory:"), "bob"))
        """),
    ("public-helper-called-is-still-public", 77, """
        import os
        def run(command):
            os.system(command)
        def main():
            run("echo hello")
        """, """
        import os, shlex
        def run(command):
            os.system("echo " + shlex.quote(command))
        def main():
            run("hello")
        """),
    ("main-block-flows-count", 77, """
        import os
        if __name__ == "__main__":
            os.system("echo " + input())
        """, """
        import os, shlex
        if __name__ == "__main__":
            os.system("echo " + shlex.quote(input()))
        """),
    ("constructor-parameters", 78, """
        import subprocess
        class Runner:
            def __init__(self, command):
                self.command = command
            def run(self):
                return subprocess.run(self.command, shell=True)
        """, """
        import subprocess
        class Runner:
            def __init__(self, command):
                self.command = command
            def run(self):
                return subprocess.run(["echo", self.command])
        """),
    # --- 2. callables are values -----------------------------------------------------------------
    ("alias-of-a-bound-method", 89, """
        import sqlite3
        def find(name):
            conn = sqlite3.connect("app.db")
            run = conn.execute
            return run("SELECT * FROM t WHERE name = '" + name + "'").fetchall()
        """, """
        import sqlite3
        def find(name):
            conn = sqlite3.connect("app.db")
            run = conn.execute
            return run("SELECT * FROM t WHERE name = ?", (name,)).fetchall()
        """),
    ("alias-of-input", 77, """
        import os
        ask = input
        os.system("ls " + ask())
        """, """
        import os, shlex
        ask = input
        os.system("ls " + shlex.quote(ask()))
        """),
    ("getattr-constant", 89, """
        def find(cursor, name):
            getattr(cursor, "execute")(f"SELECT * FROM t WHERE name = '{name}'")
        """, """
        def find(cursor, name):
            getattr(cursor, "execute")("SELECT * FROM t WHERE name = %s", (name,))
        """),
    ("functools-partial", 77, """
        import functools, subprocess
        def run(cmd):
            sh = functools.partial(subprocess.run, shell=True)
            return sh(cmd)
        """, """
        import functools, subprocess
        def run(cmd):
            sh = functools.partial(subprocess.run, shell=False)
            return sh(cmd)
        """),
    ("partial-bound-argument", 77, """
        import functools, os
        def run(cmd):
            go = functools.partial(os.system, cmd)
            go()
        """, """
        import functools, os
        def run(cmd):
            go = functools.partial(os.system, "ls")
            go()
        """),
    ("operator-methodcaller", 89, """
        import operator
        def find(cursor, name):
            operator.methodcaller("execute", "SELECT * FROM t WHERE n = '" + name + "'")(cursor)
        """, """
        import operator
        def find(cursor, name):
            operator.methodcaller("execute", "SELECT * FROM t WHERE n = ?", (name,))(cursor)
        """),
    ("lambda-called-later", 95, """
        def calc(expr):
            run = lambda text: eval(text)
            return run(expr)
        """, """
        import ast
        def calc(expr):
            run = lambda text: ast.literal_eval(text)
            return run(expr)
        """),
    ("closure-free-variable", 77, """
        import os
        def make(cmd):
            def go():
                os.system(cmd)
            return go
        """, """
        import os, shlex
        def make(cmd):
            def go():
                os.system("echo " + shlex.quote(cmd))
            return go
        """),
    ("global-written-in-a-function", 77, """
        import os
        COMMAND = "ls"
        def configure():
            global COMMAND
            COMMAND = input()
        def run():
            os.system(COMMAND)
        """, """
        import os
        COMMAND = "ls"
        def configure():
            global COMMAND
            COMMAND = "ls -l"
        def run():
            os.system(COMMAND)
        """),
    ("value-carried-by-an-exception", 77, """
        import os
        def run(cmd):
            try:
                raise ValueError(cmd)
            except ValueError as err:
                os.system(str(err))
        """, """
        import os
        def run(cmd):
            try:
                raise ValueError("bad")
            except ValueError as err:
                os.system("echo " + str(len(str(err))))
        """),
    ("open-0-is-stdin", 77, """
        import os
        os.system("grep " + open(0).read())
        """, """
        import os
        os.system("grep " + open("pattern.txt").read().strip()[:0] + "x")
        """),
    ("sys-stdin-lines", 89, """
        import sqlite3, sys
        conn = sqlite3.connect("a.db")
        for line in sys.stdin:
            conn.execute("DELETE FROM t WHERE id = " + line)
        """, """
        import sqlite3, sys
        conn = sqlite3.connect("a.db")
        for line in sys.stdin:
            conn.execute("DELETE FROM t WHERE id = ?", (line,))
        """),
    ("sh-dash-c-list", 77, """
        import subprocess
        def run(cmd):
            subprocess.run(["sh", "-c", cmd])
        """, """
        import subprocess
        def run(cmd):
            subprocess.run(["echo", "-n", cmd])
        """),
    ("shell-true-in-a-dict", 77, """
        import subprocess
        def run(cmd):
            subprocess.run(cmd, **{"shell": True})
        """, """
        import subprocess
        def run(cmd):
            subprocess.run(cmd, **{"shell": False})
        """),
    ("pickle-unpickler", 502, """
        import io, pickle
        def load(blob):
            return pickle.Unpickler(io.BytesIO(blob)).load()
        """, """
        import io, json
        def load(blob):
            return json.load(io.BytesIO(blob))
        """),
    ("yaml-load-all", 502, """
        import yaml
        def load(text):
            return list(yaml.load_all(text, Loader=yaml.Loader))
        """, """
        import yaml
        def load(text):
            return list(yaml.load_all(text, Loader=yaml.SafeLoader))
        """),
    ("f-string-path", 22, """
        def read(name):
            with open(f"uploads/{name}") as handle:
                return handle.read()
        """, """
        import os
        def read(name):
            with open(f"uploads/{os.path.basename(name)}") as handle:
                return handle.read()
        """),
    ("placeholder-tags", 79, """
        def render(tag, text):
            return "<{0}>{1}</{0}>".format("p", text)
        """, """
        import html
        def render(tag, text):
            return "<{0}>{1}</{0}>".format("p", html.escape(text))
        """),
    ("regex-built-at-run-time", 1333, """
        import re
        def matches(word, text):
            return re.search("(" + re.escape(word) + "+)+$", text)
        """, """
        import re
        def matches(word, text):
            return re.search("(" + re.escape(word) + ")$", text)
        """),
    ("md5-used-for-security", 327, """
        import hashlib
        def token(data):
            return hashlib.md5(data, usedforsecurity=True).hexdigest()
        """, """
        import hashlib
        def token(data):
            return hashlib.md5(data, usedforsecurity=False).hexdigest()
        """),
    # --- 3. receivers by what they are -----------------------------------------------------------
    ("module-function-named-execute", 89, """
        import scrapy.cmdline
        def crawl(spider):
            scrapy.cmdline.execute("SELECT * FROM t WHERE s = '" + spider + "'")
        """, """
        import scrapy.cmdline
        def crawl(spider):
            scrapy.cmdline.execute(["scrapy", "crawl", spider])
        """),
    ("annotated-cursor", 89, """
        import psycopg2.extensions
        def find(cur: psycopg2.extensions.cursor, name: str) -> None:
            cur.execute("SELECT * FROM t WHERE name = '%s'" % name)
        """, """
        import psycopg2.extensions
        def find(cur: psycopg2.extensions.cursor, name: str) -> None:
            cur.execute("SELECT * FROM t WHERE name = %s", (name,))
        """),
    ("asyncpg-fetch", 89, """
        import asyncpg
        async def find(name):
            conn = await asyncpg.connect("postgresql://db")
            return await conn.fetch(f"SELECT * FROM t WHERE name = '{name}'")
        """, """
        import asyncpg
        async def find(name):
            conn = await asyncpg.connect("postgresql://db")
            return await conn.fetch("SELECT * FROM t WHERE name = $1", name)
        """),
    ("sqlalchemy-text", 89, """
        from sqlalchemy import text
        def find(session, name):
            return session.execute(text(f"SELECT * FROM t WHERE name = '{name}'"))
        """, """
        from sqlalchemy import text
        def find(session, name):
            return session.execute(text("SELECT * FROM t WHERE name = :n"), {"n": name})
        """),
    ("field-holding-a-connection", 89, """
        import pymysql
        class Store:
            def __init__(self):
                self.db = pymysql.connect(host="db")
            def find(self, name):
                with self.db.cursor() as cur:
                    cur.execute("SELECT * FROM t WHERE name = '" + name + "'")
        """, """
        import pymysql
        class Store:
            def __init__(self):
                self.db = pymysql.connect(host="db")
            def find(self, name):
                with self.db.cursor() as cur:
                    cur.execute("SELECT * FROM t WHERE name = %s", (name,))
        """),
    # --- 5. frameworks and library families ------------------------------------------------------
    ("flask-view-returns-request-text", 79, """
        from flask import Flask, request
        app = Flask(__name__)
        @app.route("/hello")
        def hello():
            return "Hello " + request.args.get("name", "")
        """, """
        from flask import Flask, request
        from markupsafe import escape
        app = Flask(__name__)
        @app.route("/hello")
        def hello():
            return "Hello " + escape(request.args.get("name", ""))
        """),
    ("flask-route-parameter", 79, """
        from flask import Flask
        app = Flask(__name__)
        @app.route("/u/<name>")
        def user(name):
            return f"User {name}"
        """, """
        from flask import Flask, jsonify
        app = Flask(__name__)
        @app.route("/u/<name>")
        def user(name):
            return jsonify(user=name)
        """),
    ("django-request-parameter", 79, """
        from django.http import HttpResponse
        def greet(request):
            return HttpResponse("Hi " + request.GET.get("name", ""))
        """, """
        from django.http import HttpResponse
        def greet(request):
            return HttpResponse("Hi " + request.GET.get("name", ""), content_type="text/plain")
        """),
    ("jinja-environment-without-autoescape", 79, """
        from jinja2 import Environment
        def page(name):
            return Environment().from_string("<p>{{ n }}</p>").render(n=name)
        """, """
        from jinja2 import Environment
        def page(name):
            return Environment(autoescape=True).from_string("<p>{{ n }}</p>").render(n=name)
        """),
    ("jinja-template-injection", 94, """
        from jinja2 import Environment
        def page(template_text):
            return Environment(autoescape=True).from_string(template_text).render()
        """, """
        from jinja2 import Environment
        def page(template_text):
            return Environment(autoescape=True).from_string("<p>{{ t }}</p>").render(t=template_text)
        """),
    ("markup", 79, """
        from markupsafe import Markup
        def label(text):
            return Markup("<b>" + text + "</b>")
        """, """
        from markupsafe import Markup, escape
        def label(text):
            return Markup("<b>") + escape(text) + Markup("</b>")
        """),
    ("response-headers-location", 601, """
        from flask import Flask, request, make_response
        app = Flask(__name__)
        @app.route("/go")
        def go():
            resp = make_response("", 302)
            resp.headers["Location"] = request.args["next"]
            return resp
        """, """
        from flask import Flask, request, make_response
        app = Flask(__name__)
        @app.route("/go")
        def go():
            resp = make_response("", 302)
            resp.headers["Location"] = "/home"
            return resp
        """),
    ("tarfile-extractall", 22, """
        import tarfile
        def unpack(archive_path, dest):
            with tarfile.open(archive_path) as tar:
                tar.extractall(dest)
        """, """
        import tarfile
        def unpack(archive_path, dest):
            with tarfile.open(archive_path) as tar:
                tar.extractall(dest, filter="data")
        """),
    ("werkzeug-file-save", 22, """
        import os
        from flask import Flask, request
        app = Flask(__name__)
        @app.route("/up", methods=["POST"])
        def upload():
            f = request.files["doc"]
            f.save(os.path.join("uploads", f.filename))
            return "ok"
        """, """
        import os
        from flask import Flask, request
        from werkzeug.utils import secure_filename
        app = Flask(__name__)
        @app.route("/up", methods=["POST"])
        def upload():
            f = request.files["doc"]
            f.save(os.path.join("uploads", secure_filename(f.filename)))
            return "ok"
        """),
    ("argparse-results", 77, """
        import argparse, os
        parser = argparse.ArgumentParser()
        parser.add_argument("host")
        args = parser.parse_args()
        os.system("ping -c 1 " + args.host)
        """, """
        import argparse, os, shlex
        parser = argparse.ArgumentParser()
        parser.add_argument("host")
        args = parser.parse_args()
        os.system("ping -c 1 " + shlex.quote(args.host))
        """),
    ("os-exec", 77, """
        import os
        def run(program):
            os.execvp(program, [program])
        """, """
        import os
        def run(program):
            os.execvp("ls", ["ls", "--", program])
        """),
    ("unquote-undoes-quote", 77, """
        import os
        from urllib.parse import quote, unquote
        def run(name):
            os.system("echo " + unquote(quote(name)))
        """, """
        import os
        from urllib.parse import quote
        def run(name):
            os.system("echo " + quote(name))
        """),
    ("base64-round-trip", 502, """
        import base64, pickle
        def load(blob):
            return pickle.loads(base64.b64decode(base64.b64encode(blob)))
        """, """
        import base64, json
        def load(blob):
            return json.loads(base64.b64decode(base64.b64encode(blob)))
        """),
    ("max-is-not-a-sanitizer", 77, """
        import os
        def run(names):
            os.system("rm " + max(names))
        """, """
        import os
        def run(names):
            os.system("rm " + str(max(len(n) for n in names)))
        """),
    # --- 6. precision ------------------------------------------------------------------------------
    ("dict-entry-under-another-key", 77, """
        import os
        def run(user):
            opts = {"who": user, "cmd": "ls"}
            os.system(opts["who"])
        """, """
        import os
        def run(user):
            opts = {"who": user, "cmd": "ls"}
            os.system(opts["cmd"])
        """),
    ("constant-condition", 77, """
        import os
        LIMIT = 100
        def run(cmd):
            if 7 * 18 + LIMIT > 200:
                os.system(cmd)
        """, """
        import os
        LIMIT = 10
        def run(cmd):
            if 7 * 18 + LIMIT > 200:
                os.system(cmd)
        """),
    ("lookup-keyed-by-input", 77, """
        import os
        COMMANDS = {"list": "ls", "disk": "df -h"}
        def run(choice):
            os.system(choice)
        """, """
        import os
        COMMANDS = {"list": "ls", "disk": "df -h"}
        def run(choice):
            os.system(COMMANDS.get(choice, "true"))
        """),
    ("forwarding-helper", 77, """
        import subprocess
        def _call(fn, *args, **kwargs):
            return fn(*args, **kwargs)
        def run(cmd):
            return _call(subprocess.check_output, cmd, shell=True)
        """, """
        import subprocess
        def _call(fn, *args, **kwargs):
            return fn(*args, **kwargs)
        def run(cmd):
            return _call(subprocess.check_output, ["echo", cmd])
        """),
    ("guard-through-an-alias", 95, """
        import ast
        def calc(expr):
            check = all
            tree = ast.parse(expr, mode="eval")
            return eval(compile(tree, "<e>", "eval"))
        """, """
        import ast
        def calc(expr):
            check = all
            if not check(c in "0123456789+-*/ " for c in expr):
                raise ValueError("bad")
            tree = ast.parse(expr, mode="eval")
            return eval(compile(tree, "<e>", "eval"))
        """),
    ("markup-interpolation-escapes", 79, """
        from markupsafe import Markup
        def quote_block(body):
            return Markup("<blockquote>" + body + "</blockquote>")
        """, """
        from markupsafe import Markup
        def quote_block(body):
            return Markup("<blockquote>%s</blockquote>") % body
        """),
    ("flask-string-template-autoescapes", 79, """
        from flask import Flask, request, render_template_string
        app = Flask(__name__)
        @app.get("/s")
        def search():
            return "<p>" + request.args.get("q", "") + "</p>"
        """, """
        from flask import Flask, request, render_template_string
        app = Flask(__name__)
        @app.get("/s")
        def search():
            return render_template_string("<p>{{ q }}</p>", q=request.args.get("q", ""))
        """),
    ("view-declares-plain-text", 79, """
        from flask import Flask, request
        app = Flask(__name__)
        @app.route("/echo")
        def echo():
            return request.args["q"], 200
        """, """
        from flask import Flask, request
        app = Flask(__name__)
        @app.route("/echo")
        def echo():
            return request.args["q"], 200, {"Content-Type": "text/plain"}
        """),
    ("xxe-lxml-parser", 611, """
        from lxml import etree
        def load(data):
            return etree.fromstring(data, etree.XMLParser(resolve_entities=True))
        """, """
        from lxml import etree
        def load(data):
            return etree.fromstring(data, etree.XMLParser(resolve_entities=False))
        """),
    ("header-line-breaks-removed", 113, """
        from django.http import HttpResponse
        def tagged(request):
            response = HttpResponse("ok")
            response["X-Tag"] = request.GET.get("tag", "")
            return response
        """, """
        from django.http import HttpResponse
        def tagged(request):
            response = HttpResponse("ok")
            response["X-Tag"] = "".join(ch for ch in request.GET.get("tag", "") if ch.isprintable())
            return response
        """),
    ("cli-path-is-the-users-choice", 22, """
        import argparse
        ap = argparse.ArgumentParser()
        ap.add_argument("name")
        ns = ap.parse_args()
        with open(f"/srv/reports/{ns.name}") as fh:
            print(fh.read())
        """, """
        import argparse
        ap = argparse.ArgumentParser()
        ap.add_argument("logfile")
        ns = ap.parse_args()
        with open(ns.logfile) as fh:
            print(fh.read())
        """),
    ("abort-is-a-guard", 22, """
        import os
        from flask import Flask, request, send_file, abort
        app = Flask(__name__)
        BASE = "/srv/files"
        @app.route("/download")
        def download():
            path = os.path.join(BASE, request.args.get("file", ""))
            return send_file(path)
        """, """
        import os
        from flask import Flask, request, send_file, abort
        app = Flask(__name__)
        BASE = "/srv/files"
        @app.route("/download")
        def download():
            path = os.path.join(BASE, request.args.get("file", ""))
            if not os.path.realpath(path).startswith(os.path.realpath(BASE) + os.sep):
                abort(403)
            return send_file(path)
        """),
    ("resolved-parents-confine", 22, """
        from pathlib import Path
        LOG_DIR = Path("/var/log/app")
        def read_log(name):
            target = LOG_DIR / name
            return target.read_text()
        """, """
        from pathlib import Path
        LOG_DIR = Path("/var/log/app")
        def read_log(name):
            target = LOG_DIR / name
            if LOG_DIR.resolve() not in target.resolve().parents:
                raise ValueError(name)
            return target.read_text()
        """),
    ("plain-text-response", 79, """
        from flask import Flask, request, Response
        app = Flask(__name__)
        @app.route("/echo")
        def echo():
            return Response(request.args["q"])
        """, """
        from flask import Flask, request, Response
        app = Flask(__name__)
        @app.route("/echo")
        def echo():
            return Response(request.args["q"], mimetype="text/plain")
        """),
]


@pytest.mark.parametrize(("case", "cwe", "vulnerable", "safe"), PAIRS, ids=[p[0] for p in PAIRS])
def test_shape_pair(case: str, cwe: int, vulnerable: str, safe: str) -> None:
    found = cwes(vulnerable)
    expected = {77, 78} if cwe in (77, 78) else {74, 113} if cwe == 113 else {cwe}
    assert found & expected, f"{case}: vulnerable variant gave {found}"
    assert not (cwes(safe) & expected), f"{case}: safe variant gave {cwes(safe)}"


def test_jwt_decode_without_verification() -> None:
    assert 347 in cwes("""
        import jwt
        def claims(token):
            return jwt.decode(token, options={"verify_signature": False})
        """)
    assert 347 not in cwes("""
        import jwt, os
        def claims(token):
            return jwt.decode(token, os.environ["KEY"], algorithms=["HS256"])
        """)


@pytest.mark.parametrize("call", ["hashes.MD5()", "MD5.new(data)"])
def test_weak_hashes_outside_hashlib(call: str) -> None:
    source = f"""
        from cryptography.hazmat.primitives import hashes
        from Crypto.Hash import MD5
        def digest(data):
            return {call}
        """
    assert 327 in cwes(source)
    assert 327 not in cwes(source.replace("MD5", "SHA256"))


def test_oversized_program_gets_the_budget_finding_quickly() -> None:
    body = "\n".join(f"v{i} = input()\nw{i} = v{i} + 'x'" for i in range(3000))
    started = time.monotonic()
    report = analyze_source(body, budget=Budget(max_units=50_000))
    assert time.monotonic() - started < 5
    assert [f.rule_id for f in report.findings] == ["security/analysis-budget"]
    assert report.findings[0].category == Category.ERROR


def test_too_deep_to_analyse_is_not_clean() -> None:
    source = "x = " + "(" * 5000 + "1" + ")" * 5000
    report = analyze_source(source)
    assert report.findings, "a program the engine cannot read must not come back clean"


def test_batch_neighbours_are_unaffected_by_a_huge_program() -> None:
    from realcode.analysis import Program, get_analyzer

    small = Program("import os\ndef f(c):\n    os.system(c)\n", path="a.py")
    clean = Program("def g(x):\n    return x + 1\n", path="c.py")
    huge = Program("x = 1\n" * 1_500_000, path="b.py")
    alone = get_analyzer("security").analyze_many([small, clean])
    batch = get_analyzer("security").analyze_many([small, huge, clean])
    assert [[f.rule_id for f in fs] for fs in alone] == [[f.rule_id for f in fs] for fs in (batch[0], batch[2])]
    assert [f.rule_id for f in batch[1]] == ["security/analysis-budget"]


def test_entry_point_named_by_the_task_is_attacker_facing() -> None:
    source = textwrap.dedent("""
        import os
        def _run(cmd):
            os.system(cmd)
        _run("ls")
        """)
    assert not analyze_source(source).findings
    assert {f.cwe for f in analyze_source(source, entry_points=["_run"]).findings} == {77}
