"""Issue 12's six acceptance faults, each re-run end to end against a real daemon process.

Not a pytest module (each fault has its own test in this folder): a script that replays
the acceptance checks the way a user would, with fresh directories and real processes, and
prints PASS/FAIL per fault. Run it with the interpreter that has tycheck installed::

    python tests/daemon/faults_acceptance.py [-v]
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
CLIENT = [PY, "-m", "tycheck.cli.daemon_client"]
BATCH = [PY, "-m", "tycheck"]


def c(root, *args, timeout=120, sf="st.json"):
    t0 = time.time()
    p = subprocess.run(
        CLIENT + ["--status-file", sf, *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return p.stdout + p.stderr, p.returncode, time.time() - t0


CREATED: list[Path] = []


def fresh():
    CREATED.append(Path(tempfile.mkdtemp(prefix="fault-")))
    return CREATED[-1]


def pkg(root):
    (root / "p").mkdir()
    (root / "p/__init__.py").write_text("")
    (root / "p/box.py").write_text("X = 1\n")
    (root / "p/user.py").write_text("from . import box\ny: str = box.X\n")


def bump(path):
    st = path.stat()
    os.utime(path, (st.st_mtime + 5, st.st_mtime + 5))


results = {}

# 1. undecodable file recovery
r = fresh()
pkg(r)
a = c(r, "run", "--", "p")
(r / "p/box.py").write_bytes(b"\xff\n")
bump(r / "p/box.py")
b = c(r, "run", "--", "p")
(r / "p/box.py").write_text("X = 1\n")
bump(r / "p/box.py")
d = c(r, "run", "--", "p")
cold = subprocess.run(BATCH + ["p"], cwd=r, capture_output=True, text=True)
ok1 = "Cannot decode" in b[0] or "decode" in b[0]
results["1 undecodable recovery"] = (
    ok1 and b[1] == 2 and d[0] == cold.stdout + cold.stderr and d[1] == cold.returncode,
    [a[:2], b[:2], d[:2], cold.stdout],
)
c(r, "kill")

# 2. deep expression: daemon and batch agree, both correct
r = fresh()
(r / "deep.py").write_text("s: str = " + " + ".join(["'a'"] * 5000) + "\n")
(r / "chain.py").write_text("class A:\n    a: 'A'\nx = A()\ny: int = x" + ".a" * 3000 + "\n")
(r / "huge.py").write_text("s: str = " + " + ".join(["'a'"] * 20000) + "\n")
outs = []
for f in ("deep.py", "chain.py", "huge.py"):
    dm = c(r, "run", "--", f, timeout=300)
    bt = subprocess.run(BATCH + [f], cwd=r, capture_output=True, text=True, timeout=300)
    outs.append((f, dm[:2], (bt.stdout + bt.stderr, bt.returncode)))
ok2 = all(
    o[1][0].replace("Daemon started\n", "") == o[2][0]
    and o[1][1] == o[2][1]
    and "INTERNAL" not in o[1][0]
    and "recursion" not in o[1][0]
    for o in outs
)
results["2 deep expression"] = (ok2, outs)
c(r, "kill")

# 3. recheck --update three times
r = fresh()
pkg(r)
a = c(r, "run", "--", "p")
rs = [
    c(r, "recheck", "--update", spelled)
    for spelled in ("p/box.py", "./p/box.py", str(r / "p/box.py"))
]
ok3 = all("3 source files" in x[0] for x in [a] + rs)
bt = subprocess.run(BATCH + ["p", "p/box.py"], cwd=r, capture_output=True, text=True)
results["3 recheck --update x3"] = (
    ok3,
    [a[:2]] + [x[:2] for x in rs] + [("batch p p/box.py", bt.stdout + bt.stderr, bt.returncode)],
)
c(r, "kill")

# 4. parallel starts leave one daemon
r = fresh()
pkg(r)
procs = [
    subprocess.Popen(
        CLIENT + ["--status-file", "st.json", "run", "--", "p"] + (["--strict"] if i % 2 else []),
        cwd=r,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    for i in range(10)
]
outs = [(p.communicate(timeout=300)[0], p.returncode) for p in procs]
time.sleep(2)
# Count the tycheck processes left running in the project directory.
cnt = 0
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            if os.readlink(f"/proc/{pid}/cwd") == str(r) and "tycheck" in Path(
                f"/proc/{pid}/cmdline"
            ).read_text(errors="replace"):
                cnt += 1
        except OSError:
            pass
ok4 = cnt == 1 and all(code in (0, 1) for _, code in outs)
results["4 parallel starts"] = (
    ok4,
    {
        "daemons": cnt,
        "codes": [o[1] for o in outs],
        "sample": outs[0][0][-300:],
        "bad": [o for o in outs if o[1] not in (0, 1)][:2],
    },
)
c(r, "kill")

# 5. silent client does not block status
r = fresh()
pkg(r)
c(r, "run", "--", "p")
st = json.loads((r / "st.json").read_text())
conn = st.get("connection_name")
s = socket.socket(socket.AF_UNIX)
s.connect(conn)
t = c(r, "status")
ok5 = t[1] == 0 and t[2] < 3
results["5 silent client"] = (ok5, t)
s.close()
c(r, "kill")

# 6. kill spares an unrelated process
r = fresh()
pkg(r)
c(r, "run", "--", "p")
c(r, "stop")
victim = subprocess.Popen(["sleep", "300"])
(r / "sock").write_text("")  # the socket path exists: only the pid check can save the victim
(r / "st.json").write_text(json.dumps({"pid": victim.pid, "connection_name": str(r / "sock")}))
k = c(r, "kill")
alive = victim.poll() is None
ok6 = alive and k[1] != 0 and "Refusing" in k[0]
results["6 kill spares unrelated"] = (ok6, k)
victim.kill()

for name, (ok, detail) in results.items():
    print("PASS" if ok else "FAIL", name)
    if not ok or "-v" in sys.argv:
        print("   ", repr(detail)[:1500])
for path in CREATED:
    shutil.rmtree(path, ignore_errors=True)
sys.exit(0 if all(ok for ok, _ in results.values()) else 1)
