"""Known stub distributions on PyPI for popular untyped libraries.

When an import fails and the module's top-level package appears here, the error says "Library
stubs not installed" and names the distribution to install instead of the generic "Cannot
find implementation" error. The table maps an import name to the PyPI distribution that
provides its stubs (mostly typeshed's ``types-*`` packages). A few import roots are namespace
packages shared by unrelated projects; those are keyed by a longer dotted prefix.
"""

from __future__ import annotations

# Import name of a top-level package -> stub distribution.
_FLAT: dict[str, str] = {
    # Libraries whose stubs once came bundled with the checker itself.
    "aiofiles": "types-aiofiles",
    "bleach": "types-bleach",
    "cachetools": "types-cachetools",
    "click_spinner": "types-click-spinner",
    "croniter": "types-croniter",
    "dateparser": "types-dateparser",
    "dateutil": "types-python-dateutil",
    "decorator": "types-decorator",
    "deprecated": "types-Deprecated",
    "docutils": "types-docutils",
    "first": "types-first",
    "markdown": "types-Markdown",
    "mock": "types-mock",
    "paramiko": "types-paramiko",
    "polib": "types-polib",
    "pycurl": "types-pycurl",
    "pymysql": "types-PyMySQL",
    "pyrfc3339": "types-pyRFC3339",
    "pytz": "types-pytz",
    "requests": "types-requests",
    "retry": "types-retry",
    "simplejson": "types-simplejson",
    "singledispatch": "types-singledispatch",
    "six": "types-six",
    "tabulate": "types-tabulate",
    "toml": "types-toml",
    "ujson": "types-ujson",
    "waitress": "types-waitress",
    "yaml": "types-PyYAML",
    # Other typeshed stub distributions for widely used packages.
    "_cffi_backend": "types-cffi",
    "antlr4": "types-antlr4-python3-runtime",
    "assertpy": "types-assertpy",
    "authlib": "types-Authlib",
    "aws_xray_sdk": "types-aws-xray-sdk",
    "boltons": "types-boltons",
    "braintree": "types-braintree",
    "cffi": "types-cffi",
    "commctrl": "types-pywin32",
    "consolemenu": "types-console-menu",
    "dockerfile_parse": "types-dockerfile-parse",
    "editdistance": "types-editdistance",
    "flask_cors": "types-Flask-Cors",
    "flask_migrate": "types-Flask-Migrate",
    "flask_socketio": "types-Flask-SocketIO",
    "fpdf": "types-fpdf2",
    "gdb": "types-gdb",
    "geopandas": "types-geopandas",
    "greenlet": "types-greenlet",
    "hdbcli": "types-hdbcli",
    "html5lib": "types-html5lib",
    "httplib2": "types-httplib2",
    "hvac": "types-hvac",
    "ibm_db": "types-ibm-db",
    "icalendar": "types-icalendar",
    "inifile": "types-inifile",
    "jack": "types-JACK-Client",
    "jenkins": "types-python-jenkins",
    "jmespath": "types-jmespath",
    "jose": "types-python-jose",
    "jsonschema": "types-jsonschema",
    "keyboard": "types-keyboard",
    "ldap3": "types-ldap3",
    "lupa": "types-lupa",
    "lzstring": "types-lzstring",
    "m3u8": "types-m3u8",
    "mypy_extensions": "types-mypy-extensions",
    "MySQLdb": "types-mysqlclient",
    "nanoid": "types-nanoid",
    "netaddr": "types-netaddr",
    "netifaces": "types-netifaces",
    "networkx": "types-networkx",
    "nmap": "types-python-nmap",
    "oauthlib": "types-oauthlib",
    "olefile": "types-olefile",
    "openpyxl": "types-openpyxl",
    "opentracing": "types-opentracing",
    "parsimonious": "types-parsimonious",
    "passlib": "types-passlib",
    "peewee": "types-peewee",
    "pep8ext_naming": "types-pep8-naming",
    "pexpect": "types-pexpect",
    "portpicker": "types-portpicker",
    "psutil": "types-psutil",
    "psycopg2": "types-psycopg2",
    "pyasn1": "types-pyasn1",
    "pyaudio": "types-pyaudio",
    "pyautogui": "types-PyAutoGUI",
    "pycocotools": "types-pycocotools",
    "pyflakes": "types-pyflakes",
    "pygments": "types-Pygments",
    "PyInstaller": "types-pyinstaller",
    "pynput": "types-pynput",
    "pyperclip": "types-pyperclip",
    "pyscreeze": "types-PyScreeze",
    "serial": "types-pyserial",
    "pysftp": "types-pysftp",
    "pytest_lazyfixture": "types-pytest-lazy-fixture",
    "pythoncom": "types-pywin32",
    "pythonwin": "types-pywin32",
    "pywintypes": "types-pywin32",
    "qrcode": "types-qrcode",
    "regex": "types-regex",
    "reportlab": "types-reportlab",
    "requests_oauthlib": "types-requests-oauthlib",
    "rfc3339_validator": "types-rfc3339-validator",
    "s2clientprotocol": "types-s2clientprotocol",
    "seaborn": "types-seaborn",
    "send2trash": "types-Send2Trash",
    "shapely": "types-shapely",
    "slumber": "types-slumber",
    "tensorflow": "types-tensorflow",
    "toposort": "types-toposort",
    "tqdm": "types-tqdm",
    "translationstring": "types-translationstring",
    "ttkthemes": "types-ttkthemes",
    "unidiff": "types-unidiff",
    "untangle": "types-untangle",
    "uwsgi": "types-uWSGI",
    "uwsgidecorators": "types-uWSGI",
    "vobject": "types-vobject",
    "win32": "types-pywin32",
    "win32api": "types-pywin32",
    "win32con": "types-pywin32",
    "win32com": "types-pywin32",
    "win32gui": "types-pywin32",
    "workalendar": "types-workalendar",
    "wtforms": "types-WTForms",
    "xdg": "types-pyxdg",
    "Xlib": "types-python-xlib",
    "xmltodict": "types-xmltodict",
    "zxcvbn": "types-zxcvbn",
    # Stub distributions maintained outside typeshed.
    "lxml": "lxml-stubs",
    "pandas": "pandas-stubs",
    "scipy": "scipy-stubs",
}

# Namespace roots shared by unrelated projects: the longest matching dotted prefix decides.
_NAMESPACED: dict[str, dict[str, str]] = {
    "backports": {"backports.ssl_match_hostname": "types-backports.ssl_match_hostname"},
    "google": {
        "google.cloud.ndb": "types-google-cloud-ndb",
        "google.protobuf": "types-protobuf",
    },
    "paho": {"paho.mqtt": "types-paho-mqtt"},
}


def stub_distribution(module: str) -> str | None:
    """The PyPI distribution with stubs for ``module``, if one is known."""
    top = module.partition(".")[0]
    flat = _FLAT.get(top)
    if flat is not None:
        return flat
    table = _NAMESPACED.get(top)
    if table is None:
        return None
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        found = table.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None
