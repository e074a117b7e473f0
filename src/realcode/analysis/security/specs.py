"""What the taint engine knows about the world, as data: sources, sinks, sanitizers, text languages.

Everything here is keyed by what an API *does*, never by the names a program happens to use.
Call names are fully qualified after import resolution (``from os import system as s`` makes
``s(...)`` a call of ``os.system``); a leading ``*.`` matches a method of any object (``*.execute``
is a DB-API cursor or connection whatever the variable is called).

A *kind* names the language or capability a sink interprets its input as; a sanitizer makes a
value safe for some kinds; validation (an allow-list check, ``int()``) makes it safe for all.

Receivers are typed where the program says what they are: ``sqlite3.connect()`` gives a
``dbapi.Connection``, its ``cursor()`` a ``dbapi.Cursor``, a parameter annotated
``psycopg2.extensions.cursor`` is one too (``TYPES``, ``RETURNS``, ``ANNOTATIONS``). A method of a
typed receiver resolves to ``<type>.<method>`` and only the sinks of that type apply; a ``*.``
wildcard applies to receivers of unknown type (a bare parameter), and to a name imported from a
module only when the text itself is in the sink's language (``scrapy.cmdline.execute(args)`` is
not SQL, ``db.execute("SELECT ... " + x)`` is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from realcode.analysis.finding import Severity

# Sink kinds -> (CWE, severity, rule id, what goes wrong)
KINDS: dict[str, tuple[int, Severity, str, str]] = {
    "sql": (89, Severity.HIGH, "sql-injection", "SQL text built from untrusted data"),
    "shell": (77, Severity.HIGH, "command-injection", "shell command built from untrusted data"),
    "eval": (95, Severity.HIGH, "eval-injection", "untrusted data evaluated as Python"),
    "exec": (94, Severity.HIGH, "code-injection", "untrusted data executed as Python code"),
    "template": (94, Severity.HIGH, "template-injection", "untrusted data used as a server-side template"),
    "deserialize": (502, Severity.HIGH, "unsafe-deserialization",
                    "untrusted data deserialized with a format that can run code"),
    "path": (22, Severity.HIGH, "path-traversal", "file path built from untrusted data without confinement"),
    "fetch": (918, Severity.HIGH, "ssrf", "server-side request to a URL controlled by untrusted data"),
    "redirect": (601, Severity.MEDIUM, "open-redirect", "redirect to a URL controlled by untrusted data"),
    "html": (79, Severity.MEDIUM, "xss", "untrusted data placed in HTML without escaping"),
    "xml": (74, Severity.MEDIUM, "xml-injection", "untrusted data placed in XML without escaping"),
    "header": (74, Severity.MEDIUM, "header-injection",
               "untrusted data placed in an HTTP header without removing line breaks"),
    "url": (601, Severity.MEDIUM, "unvalidated-url",
            "URL built from untrusted data is handed out without checking its host"),
    "algorithm": (327, Severity.MEDIUM, "untrusted-algorithm",
                  "hash or cipher algorithm chosen by untrusted data (weak algorithms allowed)"),
    "regex": (1333, Severity.MEDIUM, "regex-injection", "untrusted data compiled as a regular expression"),
    "format": (200, Severity.MEDIUM, "format-string-exposure",
               "untrusted format string can read attributes of the objects it formats"),
    "field": (915, Severity.MEDIUM, "mass-assignment",
              "untrusted keys choose which fields of an object are written"),
    "archive": (22, Severity.HIGH, "archive-traversal",
                "archive from untrusted data extracted without filtering member paths"),
    "log": (117, Severity.MEDIUM, "log-injection", "untrusted data written to a log without removing line breaks"),
    "xxe": (611, Severity.HIGH, "xxe", "untrusted XML parsed by a parser that expands entities"),
    "redos": (1333, Severity.MEDIUM, "redos",
              "regular expression assembled at run time can backtrack catastrophically"),
}
# Kinds reported without a tainted value (the weakness is the shape of the code itself).
UNCONDITIONAL_KINDS = frozenset({"redos"})

ALL_KINDS = frozenset(KINDS)
# Kinds a returned string is judged by: a function that hands out HTML, a header line, a shell
# command or a URL lets its caller send it on unchanged.
OUTPUT_KINDS = frozenset({"html", "xml", "header", "shell", "url"})


@dataclass(frozen=True)
class Sink:
    name: str  # qualified call name or "*.method"
    kind: str
    args: tuple[int, ...] = (0,)  # positional arguments that are interpreted
    keywords: tuple[str, ...] = ()  # keyword arguments that are interpreted
    needs_shell: bool = False  # only when called with shell=True (subprocess)
    method_receiver: bool = False  # the receiver itself is interpreted (tainted_template.format)
    all_args: bool = False  # every argument is interpreted (template.render(**context))
    needs_tainted_receiver: bool = False  # only on an object that came from outside (an upload)
    # For a "*." wildcard called on a name imported from a module: only text in this language.
    wildcard_lang: str | None = None
    skip_if_type: tuple[str, ...] = ()  # not when a content type keyword says it is not this kind
    needs_lang: str | None = None  # only text written in this language (raw protocol text on a socket)
    needs_keyword: str | None = None  # only when called with this keyword truthy (allow_pickle=True)
    unless_keyword: str | None = None  # not when called with this keyword truthy (weights_only=True)


def _sinks(kind: str, names: str, **extra: object) -> list[Sink]:
    return [Sink(name, kind, **extra) for name in names.split()]  # type: ignore[arg-type]


_SQL_KEYWORDS = ("sql", "query", "operation", "statement", "raw_query")
SINKS: list[Sink] = [
    *_sinks("sql", "*.execute *.executemany *.executescript *.raw *.mogrify",
            keywords=_SQL_KEYWORDS, wildcard_lang="sql"),
    # asyncpg's query methods on a connection of unknown type (a pool read back from app state)
    *_sinks("sql", "*.fetch *.fetchrow *.fetchval", keywords=_SQL_KEYWORDS, wildcard_lang="sql"),
    *_sinks("sql", "sqlalchemy.text sqlalchemy.sql.text sqlalchemy.sql.expression.text "
                   "django.db.models.RawSQL django.db.models.expressions.RawSQL", keywords=_SQL_KEYWORDS),
    *_sinks("sql", "*.extra", args=(), keywords=("where", "select", "tables"), wildcard_lang="sql"),
    # Typed receivers: DB-API connections and cursors of every driver, asyncpg, pg8000, SQLAlchemy.
    *_sinks("sql", "dbapi.Connection.execute dbapi.Connection.executemany dbapi.Connection.executescript "
                   "dbapi.Cursor.execute dbapi.Cursor.executemany dbapi.Cursor.executescript dbapi.Cursor.mogrify "
                   "asyncpg.Connection.execute asyncpg.Connection.executemany asyncpg.Connection.fetch "
                   "asyncpg.Connection.fetchrow asyncpg.Connection.fetchval asyncpg.Connection.cursor "
                   "asyncpg.Connection.prepare pg8000.Connection.run sqlalchemy.Connection.execute "
                   "sqlalchemy.Connection.exec_driver_sql sqlalchemy.Engine.execute sqlalchemy.Session.execute "
                   "sqlalchemy.Session.scalars sqlalchemy.Session.scalar", keywords=_SQL_KEYWORDS),
    *_sinks("shell", "os.execv os.execve os.execl os.execle os.execlp os.execlpe os.execvp os.execvpe "
                     "os.posix_spawn os.posix_spawnp", keywords=("path", "file")),
    *_sinks("shell", "os.spawnl os.spawnle os.spawnlp os.spawnlpe os.spawnv os.spawnve os.spawnvp os.spawnvpe",
            args=(1,), keywords=("file", "path")),
    *_sinks("sql", "pandas.read_sql pandas.read_sql_query", keywords=("sql",)),
    *_sinks("shell", "os.system os.popen os.popen2 os.popen3 commands.getoutput commands.getstatusoutput "
                     "subprocess.getoutput subprocess.getstatusoutput pty.spawn", keywords=("cmd", "command")),
    *_sinks("shell", "subprocess.run subprocess.call subprocess.check_call subprocess.check_output "
                     "subprocess.Popen", keywords=("args",), needs_shell=True),
    *_sinks("shell", "asyncio.create_subprocess_shell", keywords=("cmd",)),  # always a shell
    *_sinks("shell", "asyncio.create_subprocess_exec", keywords=("program",), needs_shell=True),  # sh -c
    # A command run by the remote host's shell (paramiko): only text written as a command.
    *_sinks("shell", "paramiko.SSHClient.exec_command *.exec_command", keywords=("command",), wildcard_lang="shell"),
    *_sinks("eval", "eval builtins.eval", keywords=("source", "expression")),
    *_sinks("exec", "exec builtins.exec compile builtins.compile", keywords=("source",)),
    # Runners that compile and run the text they are given.
    *_sinks("exec", "timeit.timeit timeit.repeat timeit.Timer cProfile.run cProfile.runctx profile.run "
                    "profile.runctx code.compile_command", keywords=("stmt", "setup", "cmd", "source")),
    *_sinks("exec", "*.runsource *.runcode", keywords=("source", "code"), wildcard_lang=None),
    *_sinks("deserialize", "multiprocessing.reduction.ForkingPickler.loads pickle._loads pickle._Unpickler "
                           "pickle._load", keywords=("data", "file")),
    *_sinks("shell", "ctypes.CDLL.system", keywords=("command",)),
    *_sinks("exec", "code.InteractiveConsole.push code.InteractiveConsole.runsource "
                    "code.InteractiveInterpreter.runsource pdb.run pdb.runeval trace.Trace.run "
                    "cProfile.Profile.run profile.Profile.run", keywords=("source", "cmd", "line")),
    *_sinks("deserialize", "pickle.loads pickle.load cPickle.loads cPickle.load _pickle.loads marshal.loads "
                           "marshal.load dill.loads dill.load shelve.open jsonpickle.decode "
                           "yaml.unsafe_load yaml.full_load yaml.unsafe_load_all yaml.full_load_all "
                           "pandas.read_pickle joblib.load pickle.Unpickler _pickle.Unpickler "
                           "dill.Unpickler", keywords=("data", "file")),
    *_sinks("deserialize", "numpy.load", keywords=("file",), needs_keyword="allow_pickle"),
    Sink("torch.load", "deserialize", keywords=("f",), unless_keyword="weights_only"),  # tensors only
    *_sinks("path", "fastapi.responses.FileResponse starlette.responses.FileResponse aiofiles.open",
            keywords=("path", "file")),
    *_sinks("path", "open builtins.open io.open os.open os.remove os.unlink os.rmdir os.listdir os.makedirs "
                    "os.mkdir os.rename os.replace os.chmod shutil.rmtree shutil.copy shutil.copyfile "
                    "shutil.move codecs.open pathlib.Path flask.send_file flask.send_from_directory",
            args=(0,), keywords=("file", "path", "filename")),
    # pathlib: the path object itself is the file name.
    *_sinks("path", "*.read_text *.read_bytes *.write_text *.write_bytes *.unlink *.rmdir *.touch *.mkdir "
                    "*.symlink_to *.hardlink_to", args=(), method_receiver=True),
    # An uploaded file (werkzeug FileStorage) saved where its own data says.
    *_sinks("path", "*.save", keywords=("dst", "path"), needs_tainted_receiver=True),
    *_sinks("fetch", "requests.get requests.post requests.put requests.delete requests.head requests.patch "
                     "requests.options httpx.get httpx.post httpx.put httpx.delete httpx.head httpx.patch "
                     "httpx.options urllib.request.urlopen urllib.request.Request urllib.request.urlretrieve "
                     "urllib2.urlopen urllib.urlopen " + " ".join(
                         f"{client}.{verb}" for client in ("requests.Session", "httpx.Client", "httpx.AsyncClient",
                                                           "aiohttp.ClientSession")
                         for verb in ("get", "post", "put", "delete", "head", "patch", "options")), keywords=("url",)),
    # request(method, url) and stream(method, url): the URL comes second
    *_sinks("fetch", "requests.request httpx.request httpx.stream " + " ".join(
        f"{client}.{verb}" for client in ("requests.Session", "httpx.Client", "httpx.AsyncClient", "aiohttp.ClientSession")
        for verb in ("request", "stream")), args=(1,), keywords=("url",)),
    *_sinks("redirect", "flask.redirect django.shortcuts.redirect django.http.HttpResponseRedirect "
                        "django.http.HttpResponsePermanentRedirect fastapi.responses.RedirectResponse "
                        "starlette.responses.RedirectResponse werkzeug.utils.redirect",
            keywords=("location", "url")),
    *_sinks("html", "flask.Markup markupsafe.Markup django.utils.safestring.mark_safe "
                    "django.utils.html.format_html django.utils.safestring.SafeString",
            keywords=("content",)),
    *_sinks("html", "django.http.HttpResponse flask.make_response flask.Response werkzeug.Response "
                    "werkzeug.wrappers.Response fastapi.responses.HTMLResponse starlette.responses.HTMLResponse "
                    "fastapi.responses.Response starlette.responses.Response",
            keywords=("content", "response"), skip_if_type=("content_type", "mimetype", "media_type")),
    # Headers: set one by one, passed as a mapping, or written as raw protocol text.
    *_sinks("header", "*.send_header *.putheader *.add_header *.set_header", args=(1,), keywords=("value", "_value")),
    *_sinks("header", "start_response", args=(1,), keywords=("headers", "response_headers")),
    *_sinks("header", "django.http.HttpResponse flask.make_response flask.Response werkzeug.Response "
                      "werkzeug.wrappers.Response fastapi.responses.HTMLResponse starlette.responses.HTMLResponse "
                      "fastapi.responses.Response starlette.responses.Response fastapi.responses.PlainTextResponse "
                      "fastapi.responses.JSONResponse starlette.responses.PlainTextResponse "
                      "starlette.responses.JSONResponse fastapi.responses.RedirectResponse "
                      "starlette.responses.RedirectResponse django.http.JsonResponse",
            args=(), keywords=("headers",)),
    *_sinks("header", "socket.socket.sendall socket.socket.send", needs_lang="header", keywords=("data",)),
    Sink("smtplib.SMTP.sendmail", "header", args=(2,), keywords=("msg",), needs_lang="header"),
    *_sinks("log", " ".join(f"{owner}.{level}" for owner in ("logging", "logging.Logger")
                            for level in ("debug", "info", "warning", "warn", "error", "critical", "exception",
                                          "fatal")), keywords=("msg",)),
    Sink("logging.Logger.log", "log", args=(1,), keywords=("msg",)),
    # Jinja2 without autoescape (its default): every value rendered into the template is raw HTML.
    Sink("jinja2.Template.render", "html", args=(), all_args=True),
    Sink("jinja2.Template.render_async", "html", args=(), all_args=True),
    *_sinks("template", "flask.render_template_string jinja2.Template jinja2.Environment.from_string "
                        "mako.template.Template django.template.Template django.template.engines.from_string",
            keywords=("source", "template_string", "template")),
    # XML parsers that expand external entities. The standard library's parsers (ElementTree,
    # minidom, pulldom, sax) do not since Python 3.7.1 (docs: "XML vulnerabilities"), so they are
    # not sinks; lxml without a parser built with resolve_entities=False is, and so is xmltodict
    # told disable_entities=False.
    *_sinks("xxe", "lxml.etree.fromstring lxml.etree.parse lxml.etree.XML lxml.etree.iterparse "
                   "lxml.objectify.fromstring lxml.objectify.parse lxml.objectify.XML",
            keywords=("text", "source")),
    Sink("xmltodict.parse", "xxe", keywords=("xml_input",)),
    *_sinks("algorithm", "hashlib.new", keywords=("name",)),
    *_sinks("algorithm", "hmac.new hmac.digest", args=(2,), keywords=("digestmod",)),
    *_sinks("regex", "re.compile re.match re.search re.fullmatch re.findall re.finditer re.sub re.split",
            keywords=("pattern",)),
    *_sinks("field", "setattr builtins.setattr", args=(1,)),
    Sink("*.format", "format", args=(), method_receiver=True),
    Sink("*.format_map", "format", args=(), method_receiver=True),
]

# Archive members extracted where their names say (tarfile without a filter).
ARCHIVE_EXTRACTORS = frozenset({"tarfile.TarFile.extractall", "tarfile.TarFile.extract"})
# Functions that extract the archive file they are given (without a filter, where its members say).
ARCHIVE_UNPACKERS = frozenset({"shutil.unpack_archive"})

# yaml.load is only a sink without a safe loader.
SAFE_YAML_LOADERS = frozenset({"SafeLoader", "CSafeLoader", "BaseLoader"})
YAML_LOADS = frozenset({"yaml.load", "yaml.load_all"})

# --- Types: what a call returns, what an annotation names ------------------------------------------
_DBAPI_CONNECT = ("sqlite3.connect psycopg2.connect psycopg.connect psycopg.Connection.connect pymysql.connect "
                  "MySQLdb.connect mysql.connector.connect mariadb.connect cx_Oracle.connect oracledb.connect "
                  "pyodbc.connect duckdb.connect snowflake.connector.connect aiosqlite.connect aiomysql.connect "
                  "pymssql.connect ibm_db_dbi.connect sqlite3.Connection")
RETURNS: dict[str, str] = {
    **{name: "dbapi.Connection" for name in _DBAPI_CONNECT.split()},
    "pg8000.connect": "pg8000.Connection", "pg8000.native.Connection": "pg8000.Connection",
    "pg8000.dbapi.connect": "dbapi.Connection",
    "dbapi.Connection.cursor": "dbapi.Cursor", "dbapi.Connection.execute": "dbapi.Cursor",
    "dbapi.Cursor.execute": "dbapi.Cursor", "pg8000.Connection.cursor": "dbapi.Cursor",
    "asyncpg.connect": "asyncpg.Connection", "asyncpg.create_pool": "asyncpg.Pool",
    "asyncpg.Pool.acquire": "asyncpg.Connection",
    "sqlalchemy.create_engine": "sqlalchemy.Engine", "sqlalchemy.Engine.connect": "sqlalchemy.Connection",
    "sqlalchemy.Engine.begin": "sqlalchemy.Connection", "sqlalchemy.orm.Session": "sqlalchemy.Session",
    "sqlalchemy.orm.sessionmaker": "sqlalchemy.sessionmaker", "sqlalchemy.sessionmaker": "sqlalchemy.Session",
    "sqlalchemy.Engine.raw_connection": "dbapi.Connection",
    "django.db.connection.cursor": "dbapi.Cursor", "django.db.connections.cursor": "dbapi.Cursor",
    "jinja2.Environment": "jinja2.Environment", "jinja2.Template": "jinja2.Template",
    "jinja2.Environment.from_string": "jinja2.Template", "jinja2.Environment.get_template": "jinja2.Template",
    "argparse.ArgumentParser": "argparse.ArgumentParser",
    "tarfile.open": "tarfile.TarFile", "tarfile.TarFile": "tarfile.TarFile", "tarfile.TarFile.open": "tarfile.TarFile",
    "requests.Session": "requests.Session", "requests.session": "requests.Session",
    "httpx.Client": "httpx.Client", "httpx.AsyncClient": "httpx.AsyncClient",
    "aiohttp.ClientSession": "aiohttp.ClientSession", "paramiko.SSHClient": "paramiko.SSHClient",
    "pickle.Unpickler": "pickle.Unpickler",
    "lxml.etree.XMLParser": "lxml.XMLParser", "lxml.objectify.makeparser": "lxml.XMLParser",
    "socket.create_connection": "socket.socket", "socket.socket": "socket.socket",
    "socket.create_server": "socket.socket",
    "socket.socket.accept": "socket.socket", "smtplib.SMTP": "smtplib.SMTP", "smtplib.SMTP_SSL": "smtplib.SMTP",
    "logging.getLogger": "logging.Logger", "logging.Logger": "logging.Logger",
    "ctypes.CDLL": "ctypes.CDLL", "ctypes.cdll.LoadLibrary": "ctypes.CDLL",
    "code.InteractiveConsole": "code.InteractiveConsole", "code.InteractiveInterpreter": "code.InteractiveInterpreter",
    "trace.Trace": "trace.Trace", "cProfile.Profile": "cProfile.Profile", "profile.Profile": "profile.Profile",
}
# lxml parsers built with resolve_entities=False are safe; the others expand entities.
SAFE_XML_PARSER = "lxml.XMLParser+safe"
ANNOTATIONS: dict[str, str] = {
    "sqlite3.Connection": "dbapi.Connection", "sqlite3.Cursor": "dbapi.Cursor",
    "psycopg2.extensions.connection": "dbapi.Connection", "psycopg2.extensions.cursor": "dbapi.Cursor",
    "psycopg.Connection": "dbapi.Connection", "psycopg.Cursor": "dbapi.Cursor",
    "psycopg.AsyncConnection": "dbapi.Connection", "psycopg.AsyncCursor": "dbapi.Cursor",
    "pymysql.connections.Connection": "dbapi.Connection", "pymysql.cursors.Cursor": "dbapi.Cursor",
    "mysql.connector.connection.MySQLConnection": "dbapi.Connection",
    "asyncpg.Connection": "asyncpg.Connection", "asyncpg.connection.Connection": "asyncpg.Connection",
    "asyncpg.Pool": "asyncpg.Pool", "asyncpg.pool.Pool": "asyncpg.Pool",
    "sqlalchemy.engine.Engine": "sqlalchemy.Engine", "sqlalchemy.Engine": "sqlalchemy.Engine",
    "sqlalchemy.engine.Connection": "sqlalchemy.Connection", "sqlalchemy.Connection": "sqlalchemy.Connection",
    "sqlalchemy.orm.Session": "sqlalchemy.Session", "sqlalchemy.ext.asyncio.AsyncSession": "sqlalchemy.Session",
    "tarfile.TarFile": "tarfile.TarFile",
    "jinja2.Environment": "jinja2.Environment", "jinja2.Template": "jinja2.Template",
}
# Types whose objects hand their methods' results to the same type (``with conn:`` is conn).
AUTOESCAPE = "+autoescape"  # suffix of a jinja2 type whose environment escapes HTML

# Responses whose content type is not HTML: what they carry cannot script the page.
NON_HTML_RESPONSES = frozenset({
    "flask.jsonify", "flask.json.jsonify", "django.http.JsonResponse", "fastapi.responses.JSONResponse",
    "fastapi.responses.PlainTextResponse", "starlette.responses.JSONResponse",
    "starlette.responses.PlainTextResponse", "fastapi.responses.ORJSONResponse", "flask.render_template",
    "django.shortcuts.render", "django.template.loader.render_to_string",
    # Flask renders string templates with autoescape on: the values placed in it are escaped.
    "flask.render_template_string"})
# Calls that build a response object: what a view returns through them was judged at the call.
RESPONSE_OBJECTS = NON_HTML_RESPONSES | frozenset({
    "django.http.HttpResponse", "flask.make_response", "flask.Response", "werkzeug.Response",
    "werkzeug.wrappers.Response", "fastapi.responses.HTMLResponse", "starlette.responses.HTMLResponse",
    "fastapi.responses.Response", "starlette.responses.Response", "flask.redirect", "flask.abort",
    "flask.send_file", "flask.send_from_directory", "werkzeug.utils.redirect", "django.shortcuts.redirect",
    "django.http.HttpResponseRedirect", "fastapi.responses.RedirectResponse",
    "starlette.responses.RedirectResponse", "flask.Markup", "markupsafe.Markup"})
# Predicates that validate their first argument for some kinds when they hold.
_URL_SAFE = frozenset({"url", "redirect", "fetch"})
VALIDATORS: dict[str, frozenset[str]] = {
    "django.utils.http.url_has_allowed_host_and_scheme": _URL_SAFE, "django.utils.http.is_safe_url": _URL_SAFE,
}
# Lookups that return a stored record chosen by the input: the record is not the input.
STORE_LOOKUPS = frozenset({"django.shortcuts.get_object_or_404", "django.shortcuts.get_list_or_404",
                           "flask_sqlalchemy.get_or_404"})
# Methods of a trusted store (a dict, an ORM manager, a query) that look a record up.
STORE_LOOKUP_METHODS = frozenset({"filter", "filter_by", "exclude", "first", "last", "one", "one_or_none",
                                  "get_or_404", "first_or_404", "scalar", "scalar_one", "fetchone", "fetchall",
                                  "fetchmany", "find_one"})
# Request handler classes whose attributes hold the raw request.
HANDLER_BASES = frozenset({"http.server.BaseHTTPRequestHandler", "http.server.SimpleHTTPRequestHandler",
                           "socketserver.BaseRequestHandler", "socketserver.StreamRequestHandler",
                           "tornado.web.RequestHandler"})
HANDLER_SOURCES = frozenset({"path", "headers", "rfile", "requestline", "request", "client_address"})
# Decorators that make a function a web view: parameters from the request.
VIEW_DECORATORS = frozenset({"route", "get", "post", "put", "delete", "patch", "api_route", "websocket",
                             "head", "options", "api_view", "action"})
CLI_DECORATORS = frozenset({"command", "option", "argument"})  # click/typer: parameters from argv
# Content types that are not interpreted as markup by a browser.
NON_HTML_CONTENT = re.compile(r"^(text/plain|application/json|text/csv|text/css|application/octet-stream|image/)")

# Sanitizers: qualified name -> kinds the result is safe for. "*" = every kind (the value is
# reduced to a number, a boolean or a constant-shaped string).
SANITIZERS: dict[str, frozenset[str] | str] = {
    **{name: frozenset({"html", "xml"}) for name in (
        "html.escape", "cgi.escape", "markupsafe.escape", "flask.escape", "jinja2.escape",
        "xml.sax.saxutils.escape", "xml.sax.saxutils.quoteattr", "bleach.clean",
        "django.utils.html.escape", "django.utils.html.strip_tags", "werkzeug.utils.escape")},
    **{name: frozenset({"shell"}) for name in ("shlex.quote", "pipes.quote", "shlex.join")},
    **{name: frozenset({"path"}) for name in ("os.path.basename", "werkzeug.utils.secure_filename",
                                              "pathvalidate.sanitize_filename",
                                              # None, or a path under the directory
                                              "werkzeug.utils.safe_join", "werkzeug.security.safe_join",
                                              "flask.helpers.safe_join")},
    **{name: frozenset({"header", "path", "html", "xml", "shell", "url"}) for name in (
        "urllib.parse.quote", "urllib.parse.quote_plus", "urllib.quote", "urllib.parse.urlencode",
        "base64.b64encode", "base64.urlsafe_b64encode", "binascii.hexlify")},
    "re.escape": frozenset({"regex"}),
    # psycopg's composable SQL: identifiers quoted, literals adapted
    **{name: frozenset({"sql"}) for name in ("psycopg2.sql.Identifier", "psycopg2.sql.Literal",
                                             "psycopg.sql.Identifier", "psycopg.sql.Literal")},
    # Safe parsers: the result is data, never code.
    **{name: frozenset({"eval", "exec", "deserialize", "template"}) for name in (
        "ast.literal_eval", "json.loads", "json.load", "yaml.safe_load", "tomllib.loads", "csv.reader")},
    **{name: "*" for name in (
        # not ``ord``: chr(ord(c)) is the same character again
        "int", "float", "bool", "len", "abs", "round", "hash", "id", "isinstance", "callable",
        "hasattr", "type", "uuid.UUID", "decimal.Decimal", "datetime.date.fromisoformat",
        "hmac.compare_digest", "secrets.compare_digest", "math.floor", "math.ceil",
        "datetime.datetime.strptime", "datetime.datetime.fromisoformat", "ipaddress.ip_address",
        "hashlib.sha256", "hashlib.sha512", "hashlib.sha384", "hashlib.blake2b", "hashlib.blake2s",
        "hashlib.sha3_256", "hashlib.md5", "hashlib.sha1", "os.path.exists", "os.path.isfile",
        "os.path.isdir", "any", "all", "sum", "range")},
}
# Decoders: their result is other text than the argument (``%2e%2e%2f`` becomes ``../``), so no
# check of the argument, of its content or its escaping, holds for it.
DECODERS = frozenset({"urllib.parse.unquote", "urllib.parse.unquote_plus", "urllib.parse.unquote_to_bytes",
                      "urllib.unquote", "urllib.unquote_plus", "html.unescape", "xml.sax.saxutils.unescape",
                      "base64.b64decode", "base64.urlsafe_b64decode", "base64.b32decode", "base64.b16decode",
                      "base64.a85decode", "base64.b85decode", "base64.decodebytes", "binascii.unhexlify",
                      "binascii.a2b_hex", "binascii.a2b_base64", "codecs.decode", "bytes.fromhex",
                      "werkzeug.urls.url_unquote", "requests.utils.unquote"})
# Calls whose result is their argument in another form that no inverse can reopen (the code
# compiled from a checked tree is as checked as the tree).
SAFETY_KEEPING_CALLS = frozenset({"compile", "builtins.compile", "ast.unparse", "textwrap.dedent",
                                  # an element taken out of a container is the element put in
                                  "heapq.heappop", "heapq.heappushpop", "heapq.heapreplace", "heapq.nsmallest",
                                  "heapq.nlargest", "next", "builtins.next", "copy.copy", "copy.deepcopy",
                                  # type(name, bases, namespace): a class holding the namespace's values
                                  "type", "builtins.type"})
# Methods of strings that keep what escaping did (``html.escape(x).strip()`` is still escaped),
# and of containers that hand back an element as it was put in.
SAFETY_KEEPING_METHODS = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "title", "casefold",
                                    "capitalize", "encode", "ljust", "rjust", "center", "zfill",
                                    "pop", "popleft", "popitem", "get", "copy",
                                    # buffers handing back what was written to them
                                    "getvalue", "tounicode", "tobytes", "read", "readline", "readlines"})

# Calls whose result derives from the arguments but is parsed structure of a URL; checks on the
# parsed host count for the text it was parsed from.
URL_PARSERS = frozenset({"urllib.parse.urlparse", "urllib.parse.urlsplit", "urlparse.urlparse",
                         "urlparse.urlsplit", "urllib.parse.urljoin", "urlparse.urljoin",
                         "urllib.parse.urlunparse", "urllib.parse.urlunsplit", "yarl.URL",
                         "furl.furl", "httpx.URL"})
URL_HOST_ATTRIBUTES = frozenset({"netloc", "hostname", "host"})
PATH_JOINERS = frozenset({"os.path.join", "posixpath.join", "pathlib.Path.joinpath", "pathlib.PurePath"})
WEAK_ALGORITHMS = frozenset({"md5", "sha1", "md4", "md2", "sha", "md5-sha1",
                             "sm3", "des", "rc4", "arc4", "blowfish"})
PATH_NORMALIZERS = frozenset({"os.path.realpath", "os.path.abspath", "os.path.normpath",
                              "*.resolve"})  # not Path.absolute(): it keeps ".." as it is

# Sources: calls and attributes that return attacker-controlled data.
SOURCE_CALLS = frozenset({
    "input", "raw_input", "builtins.input", "sys.stdin.read", "sys.stdin.readline", "sys.stdin.readlines",
    "os.getenv", "os.environ.get", "*.recv", "*.recvfrom", "*.recv_into", "*.recvmsg", "*.recvfrom_into",
    "*.makefile", "*.get_json", "*.get_data",
    "fileinput.input", "argparse.ArgumentParser.parse_args", "argparse.ArgumentParser.parse_known_args",
    "*.parse_args", "*.parse_known_args", "sys.stdin.buffer.read", "getpass.getpass", "click.prompt",
    "typer.prompt", "sys.__stdin__.read", "sys.__stdin__.readline", "sys.__stdin__.readlines",
    "sys.__stdin__.buffer.read"})
# Calls that read a file descriptor: a source when it is standard input's (0).
FD_READERS = frozenset({"open", "builtins.open", "io.open", "os.fdopen", "os.read"})
CLI_SOURCES = frozenset({"sys.argv", "argparse.ArgumentParser.parse_args", "argparse.ArgumentParser.parse_known_args",
                         "*.parse_args", "*.parse_known_args"})
SOURCE_ATTRIBUTES = frozenset({
    "sys.argv", "sys.orig_argv", "os.environ", "sys.stdin", "sys.__stdin__", "flask.request", "fastapi.Request", "bottle.request",
    "django.http.request"})

# Methods that return numbers, booleans or fixed strings whatever their receiver holds.
CLEAN_METHODS = frozenset({
    "isdigit", "isnumeric", "isdecimal", "isalpha", "isalnum", "isidentifier", "isspace", "islower",
    "isupper", "startswith", "endswith", "count", "find", "rfind", "index", "rindex", "qsize",
    "hexdigest", "digest", "__len__", "exists", "is_file", "is_dir", "bit_length", "total_seconds",
    "keys_count", "fetchone_count"})
# Methods that put their argument into the receiver.
MUTATING_METHODS = frozenset({"append", "extend", "insert", "add", "update", "setdefault", "put",
                              "put_nowait", "appendleft", "extendleft", "push", "write", "set",
                              "writelines", "__setitem__", "__setattr__", "set_data",
                              # parsers and buffers filled from text: configparser, array, HTMLParser
                              "read_string", "read_dict", "read_file", "fromunicode", "frombytes",
                              "fromlist", "feed"})

# Regex validation: a pattern anchored at both ends, used with match/fullmatch, is an allow-list.
REGEX_MATCHERS = frozenset({"re.match", "re.fullmatch"})
VALIDATING_METHODS = frozenset({"isdigit", "isnumeric", "isdecimal", "isalpha", "isalnum", "isidentifier"})
# Kinds a value without line breaks is safe for, and checks that guarantee there are none.
LINE_KINDS = frozenset({"header", "log"})
LINE_BREAK_FREE_METHODS = frozenset({"isprintable"})

# --- What language a piece of constant text is in -----------------------------------------------

# A tag whose name is itself a placeholder: "<{tag}>", "</%s>".
_PLACEHOLDER_TAG = re.compile(r"<\s*/?\s*(\{[^{}]*\}|%[sr(])")
_HTML_TAG = re.compile(r"<\s*/?\s*(html|head|body|div|span|p|a|b|i|u|em|strong|h[1-6]|ul|ol|li|table|tr|td|"
                       r"th|img|script|style|form|input|button|label|title|section|article|header|footer|"
                       r"nav|main|pre|code|br|hr|meta|link|iframe|textarea|select|option|small|blockquote)"
                       r"\b", re.IGNORECASE)
_XML_TAG = re.compile(r"<\s*/?\s*[A-Za-z_][\w.:-]*(\s[^<>]*)?/?>|<\?xml")
_HEADER_LINE = re.compile(
    r"(^|\r?\n)\s*([A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)+|Location|Cookie|Host|Referer|Authorization|"
    r"Link|Refresh|Server|Via|From|To|Subject|Cc|Bcc)\s*:\s", re.IGNORECASE)
_SHELL_WORDS = frozenset(
    ["echo", "ls", "cat", "grep", "egrep", "rm", "cp", "mv", "mkdir", "rmdir", "find", "tar", "curl", "wget", "ping", "sh", "bash", "zsh", "python", "python3", "git", "chmod", "chown", "touch", "head", "tail", "sed", "awk", "kill", "ps", "zip", "unzip", "ssh", "scp", "nslookup", "dig", "whoami", "date", "du", "df", "sudo", "docker", "kubectl", "nc", "ncat", "ffmpeg", "convert", "gzip", "gunzip", "openssl", "tee", "xargs", "wc", "sort", "uniq", "cut", "tr", "systemctl", "service", "mount", "umount", "useradd", "usermod", "crontab", "java", "node", "npm", "pip", "make", "cmake", "gcc"])
_URL_PREFIX = re.compile(r"^(https?|ftp|wss?)://", re.IGNORECASE)
# A fixed scheme and host before any untrusted part: the host cannot be chosen by the attacker.
FIXED_HOST_PREFIX = re.compile(r"^(https?|ftp|wss?)://[^/?#{}\s]+[/?#]", re.IGNORECASE)
_SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|REPLACE|PRAGMA)\b",
                        re.IGNORECASE)


def text_languages(text: str) -> frozenset[str]:
    """The languages a constant piece of a string being built suggests the whole string is in."""
    found: set[str] = set()
    if _HTML_TAG.search(text) or _PLACEHOLDER_TAG.search(text):
        found.add("html")
    elif _XML_TAG.search(text):
        found.add("xml")
    if _HEADER_LINE.search(text):
        found.add("header")
    first = text.strip().split(" ", 1)[0] if text.strip() else ""
    if first in _SHELL_WORDS and " " in text.strip():
        found.add("shell")
    if _URL_PREFIX.match(text.strip()):
        found.add("url")
    if _SQL_START.match(text):
        found.add("sql")
    return frozenset(found)


def is_url_text(text: str) -> bool:
    return bool(_URL_PREFIX.match(text.strip()))


def removes_line_breaks(pattern: str) -> bool:
    """Whether a ``re.sub``/``replace`` pattern deletes CR/LF (header-injection sanitizing)."""
    return "\\n" in pattern or "\n" in pattern or "\\s" in pattern
