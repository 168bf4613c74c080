"""Benchmark of the public portal: catalogue list, publication page and search, against a trivial view.

1. Fills a PostgreSQL database (default ``gongkai_bench``, created if missing) with N synthetic publications
   across many agencies, by COPY (both the publications and their CJK-bigram search rows), then ANALYZE.
   Rows already there are kept, so a second run only tops up.
2. Serves the real WSGI application with DEBUG off from bench/portal_server.py (stdlib pre-fork server:
   one process per core, 4 threads each; gunicorn is not a project dependency).
3. Drives 16 concurrent connections on 127.0.0.1 with wrk (``apt-get install -y wrk``; a Python client is used
   when wrk is missing) against, in turn: a trivial Django view (baseline), a catalogue list page, a
   publication page and a search page (2-, 3- and 4-character queries, some with filters), each over many
   different URLs. Prints requests/s, p50/p95/p99 latency and each page's ratio to the baseline, in three
   modes: the page cache off (the cost of rendering), on with the same distinct URLs (the cache starts empty
   and fills as the clients go), and on with a hot set of 50 URLs per kind (the steady state of popular pages).

Targets (docs/performance.md): each page >= 50% of the trivial view's requests/s; search p95 < 100 ms.

    .venv/bin/python bench/portal.py                  # N = 20,000 (quick)
    .venv/bin/python bench/portal.py --n 1000000      # the issue's size (loading takes a while)
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOT_URLS = 50
DEFAULT_URL = "postgres://gongkai:gongkai@127.0.0.1:5432/gongkai_bench_portal"

TOPICS = [
    "低保", "宅基地", "农田水利", "土地流转", "社会救助", "临时救助", "防汛", "安全生产", "人居环境", "高标准农田",
    "耕地保护", "乡村振兴", "医疗保障", "养老服务", "就业创业", "义务教育", "食品安全", "森林防火", "道路硬化", "饮水安全",
    "土地征收", "房屋征收", "筹资筹劳", "特困供养", "残疾人补贴", "退役军人", "燃气安全", "秸秆禁烧", "疫苗接种", "电商扶贫",
]  # fmt: skip
GENRES = [
    ("notice", "通知"),
    ("announcement", "公示"),
    ("opinion", "意见"),
    ("scheme", "实施方案"),
    ("report", "情况报告"),
]
SENTENCES = [
    "根据上级有关文件精神，结合本地实际，现就{t}工作有关事项{g}如下。",
    "各村（社区）要高度重视{t}工作，明确责任人，确保各项措施落实到位。",
    "本次共涉及{n}户，经村级评议、乡镇审核，符合条件的予以公示，公示期为7天。",
    "对{t}中发现的问题，要建立台账，限期整改，整改情况按月报送。",
    "资金{n}万元已通过惠民惠农财政补贴资金“一卡通”发放到户。",
    "如对公示内容有异议，请在公示期内向党政办公室反映，联系电话0398-38{n}。",
    "坚持公开、公平、公正原则，严格执行政策标准，主动接受群众监督。",
    "加强组织领导，强化督促检查，对工作不力的依规依纪严肃追责问责。",
    "各单位要按照时间节点完成{t}相关工作，确保群众满意。",
    "本{g}自印发之日起施行，由乡镇人民政府负责解释。",
    "全年累计完成{t}项目{n}个，群众获得感、幸福感持续增强。",
    "对符合条件的困难群众及时纳入保障范围，做到应保尽保、应退尽退。",
]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=20_000, help="publications in the database (default 20,000)")
    p.add_argument("--agencies", type=int, default=300, help="synthetic agencies (default 300)")
    p.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    p.add_argument("--duration", type=int, default=10, help="seconds per page (default 10)")
    p.add_argument("--warmup", type=int, default=5, help="seconds of warm-up per page (default 5)")
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--port", type=int, default=0, help="0 = any free port")
    p.add_argument("--load-only", action="store_true", help="fill the database and stop")
    p.add_argument("--mode", choices=("all", "off", "on"), default="all", help="page cache off, on, or all modes")
    return p.parse_args()


# Database --------------------------------------------------------------------------------------------


def ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    from gongkai.settings import parse_database_url

    db = parse_database_url(url)
    conninfo = dict(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"])
    with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            conn.execute(
                sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(db["NAME"]))
            )
            print(f"created database {db['NAME']}")


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def ensure_agencies(count: int):
    from gongkai.organizations.models import Level, Organization

    root, _ = Organization.objects.get_or_create(
        code="BENCH-ROOT", defaults={"name": "基准测试市人民政府", "level": Level.CITY}
    )
    have = {o.code: o for o in Organization.objects.filter(code__startswith="BENCH-A")}
    counties = []
    for i in range(max(1, count // 25)):
        code = f"BENCH-C{i:03d}"
        org, _ = Organization.objects.get_or_create(
            code=code, defaults={"name": f"基准测试市第{i + 1}区人民政府", "level": Level.COUNTY, "parent": root}
        )
        counties.append(org)
    agencies = []
    for i in range(count):
        code = f"BENCH-A{i:04d}"
        org = have.get(code)
        if org is None:
            township = i % 3 != 2
            org = Organization.objects.create(
                code=code,
                name=f"基准测试{'乡镇' if township else '部门'}{i + 1:04d}",
                level=Level.TOWNSHIP if township else Level.DEPARTMENT,
                parent=counties[i % len(counties)],
                office_name="党政办公室",
                address="基准测试路1号",
                phone="0398-0000000",
            )
        agencies.append(org)
    return agencies


def synthetic_rows(start_id: int, count: int, agencies, nodes_by_level, seed: int):
    """Yield (publication row, search row) tuples for COPY."""
    from gongkai.publications.content import plain_text
    from gongkai.publications.search import tokenize

    rng = random.Random(seed)
    epoch = date(2019, 1, 1)
    span = (date(2026, 10, 31) - epoch).days
    now = datetime.now(UTC)
    for pid in range(start_id, start_id + count):
        org = agencies[rng.randrange(len(agencies))]
        node_id = rng.choice(nodes_by_level[org.level])
        t = rng.choice(TOPICS)
        genre, gname = rng.choice(GENRES)
        pub = epoch + timedelta(days=rng.randrange(span))
        title = f"{org.name}关于{pub.year}年{t}工作的{gname}"
        sentences = [
            rng.choice(SENTENCES).format(
                t=rng.choice(TOPICS) if rng.random() < 0.3 else t, g=gname, n=rng.randrange(3, 999)
            )
            for _ in range(rng.randrange(3, 7))
        ]
        body = "".join(f"<p>{s}</p>" for s in sentences)
        text = plain_text(body)
        number = f"{org.short_name or '基'}政〔{pub.year}〕{rng.randrange(1, 80)}号" if rng.random() < 0.4 else ""
        r = rng.random()
        validity, repealed = (
            ("in_force", None)
            if r < 0.9
            else (("amended", None) if r < 0.95 else ("repealed", pub + timedelta(days=200)))
        )
        legal = "normative" if rng.random() < 0.03 else ""
        at = datetime(pub.year, pub.month, pub.day, 1, 30, tzinfo=UTC)
        row = (
            pid, org.pk, title, f"{org.code}/{pub.year}-{pid:07d}", org.name, number, pub, pub, pub, at,
            "民政、扶贫、救灾", genre, node_id, "", body, text, legal, validity, None, None, repealed,
            "proactive", "", None, "", "", "published", 2, "{}", pub + timedelta(days=28), None, None, now, now,
        )  # fmt: skip
        tokens = " ".join(tokenize(" ".join(filter(None, [title, number, text]))))
        yield row, (pid, tokens, pub, org.pk, node_id, validity, genre)


PUB_COLUMNS = [
    "id", "organization_id", "title", "index_number", "issuing_authority", "document_number", "written_on", "formed_on",
    "published_on", "published_at", "topic", "genre", "node_id", "summary", "body", "body_text", "legal_kind", "validity",
    "effective_on", "amended_on", "repealed_on", "disclosure", "disclosure_ground", "interprets_id", "interpretation_kind",
    "video_url", "status", "review_round", "checklist", "publish_due", "scheduled_at", "created_by_id", "created_at",
    "updated_at",
]  # fmt: skip


def fill(n: int, agency_count: int) -> None:
    from django.db import connection

    from gongkai.publications.models import CatalogueNode, Publication

    agencies = ensure_agencies(agency_count)
    have = Publication.objects.filter(organization__code__startswith="BENCH-A").count()
    if have >= n:
        print(f"database already holds {have:,} synthetic publications")
        return
    nodes_by_level = {
        level: list(CatalogueNode.objects.for_organization(org).values_list("pk", flat=True))
        for level, org in {a.level: a for a in agencies}.items()
    }
    todo = n - have
    start = (Publication.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    print(f"loading {todo:,} publications (have {have:,}) ...", flush=True)
    t0 = time.perf_counter()
    connection.ensure_connection()
    raw = connection.connection  # autocommit (Django's default): each COPY commits on its own
    big = todo > 50_000
    with raw.cursor() as cur:
        cur.execute("SET maintenance_work_mem = '1GB'")
        if big:
            cur.execute("DROP INDEX IF EXISTS publications_searchdocument_tsv")
    batch = 50_000
    done = 0
    while done < todo:
        size = min(batch, todo - done)
        rows = list(synthetic_rows(start + done, size, agencies, nodes_by_level, seed=start + done))
        with raw.cursor() as cur:
            with cur.copy(f"COPY publications_publication ({', '.join(PUB_COLUMNS)}) FROM STDIN") as cp:
                for row, _ in rows:
                    cp.write_row(row)
            with cur.copy(
                "COPY publications_searchdocument (publication_id, tokens, published_on, org_id, node_ref, validity, genre)"
                " FROM STDIN"
            ) as cp:
                for _, srow in rows:
                    cp.write_row(srow)
        done += size
        rate = done / (time.perf_counter() - t0)
        print(f"  {done:,}/{todo:,} ({rate:,.0f} rows/s)", flush=True)
    with raw.cursor() as cur:
        if big:
            t1 = time.perf_counter()
            cur.execute("CREATE INDEX publications_searchdocument_tsv ON publications_searchdocument USING gin (tsv)")
            print(f"  GIN index built in {time.perf_counter() - t1:,.0f} s", flush=True)
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('publications_publication', 'id'), "
            "(SELECT max(id) FROM publications_publication))"
        )
        cur.execute("VACUUM ANALYZE publications_publication")
        cur.execute("VACUUM ANALYZE publications_searchdocument")
    print(f"loaded in {time.perf_counter() - t0:,.0f} s", flush=True)


def url_sets():
    from gongkai.publications.models import CatalogueNode, Publication

    rng = random.Random(7)
    ids = list(Publication.objects.filter(status="published").values_list("id", flat=True).order_by("?")[:2000])
    pairs = list(
        Publication.objects.filter(status="published", organization__code__startswith="BENCH-A")
        .values_list("organization_id", "node_id")
        .distinct()[:3000]
    )
    rng.shuffle(pairs)
    orgs = sorted({o for o, _ in pairs})
    queries = [
        "低保",
        "宅基地",
        "社会救助",
        "防汛",
        "安全生产",
        "乡村振兴",
        "农田水利",
        "临时救助",
        "筹资筹劳",
        "秸秆禁烧",
    ]
    searches = []
    for i in range(400):
        q = queries[i % len(queries)]
        if i % 4 == 1:
            searches.append(f"/search/?q={q}&org={rng.choice(orgs)}")
        elif i % 4 == 2:
            searches.append(f"/search/?q={q}&year={rng.randrange(2019, 2027)}")
        else:
            searches.append(f"/search/?q={q}")
    assert CatalogueNode.objects.exists()
    return {
        "trivial view": ["/bench/trivial/"],
        "catalogue list": [f"/org/{o}/catalogue/{n}/" for o, n in pairs[:1000]],
        "publication page": [f"/publications/{i}/" for i in ids],
        "search": [ascii_url(s) for s in searches],
    }


def ascii_url(url: str) -> str:
    from urllib.parse import quote

    return quote(url, safe="/?&=")


# Load ------------------------------------------------------------------------------------------------

LUA = """
local paths = {%s}
local i = 0
init = function(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)); i = math.random(#paths) end
request = function() i = i %% #paths + 1; return wrk.format("GET", paths[i]) end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%.3f %%.3f %%.3f %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def run_wrk(base: str, paths: list[str], duration: int, concurrency: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA % ", ".join(f'"{p}"' for p in paths))
        script = f.name
    out = subprocess.run(
        ["wrk", "-t2", f"-c{concurrency}", f"-d{duration}s", "--timeout", "10s", "-s", script, base],
        capture_output=True, text=True,
    )  # fmt: skip
    if out.returncode:
        raise RuntimeError(f"wrk failed: {out.stderr or out.stdout}")
    out = out.stdout
    os.unlink(script)
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    reqs, dur_us, p50, p95, p99, status_err, sock_err = line.split()[1:]
    return {
        "rps": int(reqs) / (int(dur_us) / 1e6), "p50": float(p50), "p95": float(p95), "p99": float(p99),
        "errors": int(status_err), "socket_errors": int(sock_err), "requests": int(reqs),
    }  # fmt: skip


def run_python_client(base: str, paths: list[str], duration: int, concurrency: int) -> dict:
    import http.client
    from urllib.parse import urlsplit

    host = urlsplit(base)
    latencies: list[float] = []
    errors = [0]
    stop = time.perf_counter() + duration
    lock = threading.Lock()

    def client(k):
        i = k * 37
        mine = []
        while time.perf_counter() < stop:
            i = (i + 1) % len(paths)
            t = time.perf_counter()
            conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
            conn.request("GET", paths[i])
            resp = conn.getresponse()
            resp.read()
            conn.close()
            mine.append((time.perf_counter() - t) * 1000)
            if resp.status >= 400:
                errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(concurrency)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t0
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))]

    return {"rps": len(latencies) / elapsed, "p50": pct(50), "p95": pct(95), "p99": pct(99), "errors": errors[0],
            "socket_errors": 0, "requests": len(latencies)}  # fmt: skip


def main():
    args = parse_args()
    os.environ["DATABASE_URL"] = args.database_url  # before gongkai.settings is imported
    ensure_database(args.database_url)
    setup_django(args.database_url)
    fill(args.n, args.agencies)
    if args.load_only:
        return
    from gongkai.publications.models import Publication

    total = Publication.objects.count()
    sets = url_sets()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    tool = "wrk" if shutil.which("wrk") else "python client"
    runner = run_wrk if tool == "wrk" else run_python_client
    print(
        f"\nportal benchmark: {total:,} publications in PostgreSQL, {args.concurrency} concurrent clients ({tool}), "
        f"{args.processes} processes x {args.threads} threads, {args.duration} s per page after a {args.warmup} s warm-up"
    )
    verdicts = []
    # Hot set: readers concentrate on a few pages (the newest documents, the busiest catalogue nodes, the
    # popular queries); the page cache serves them, search results included.
    hot = {name: paths[:HOT_URLS] for name, paths in sets.items()}
    modes = (
        (
            f"page cache off, {len(sets['catalogue list']):,}-{len(sets['publication page']):,} distinct pages per kind",
            "0",
            sets,
        ),
        (
            "page cache on, the same distinct pages (empty at start: it fills during the warm-up and the run)",
            "1",
            sets,
        ),
        (
            f"page cache on, {HOT_URLS} hot pages per kind",
            "1",
            hot,
        ),
    )
    for mode, cache_env, urls in modes:
        if args.mode != "all" and {"0": "off", "1": "on"}[cache_env] != args.mode:
            continue
        results = measure(args, urls, runner, {**env, "GONGKAI_PORTAL_CACHE": cache_env})
        baseline = results["trivial view"]["rps"]
        print(f"\n{mode}")
        print(f"{'page':<18}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for name, r in results.items():
            print(
                f"{name:<18}{r['rps']:>9.1f}{r['rps'] / baseline:>8.2f}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}"
                f"{r['errors'] + r['socket_errors']:>8}"
            )
        ok_ratio = all(r["rps"] / baseline >= 0.5 for n, r in results.items() if n != "trivial view")
        verdicts.append(
            f"{mode.split(' (')[0]}: every page >= 0.50 of the trivial view: {'met' if ok_ratio else 'NOT met'}; "
            f"search p95 < 100 ms: {'met' if results['search']['p95'] < 100 else 'NOT met'}"
        )
    print()
    for v in verdicts:
        print(v)


def measure(args, sets, runner, env) -> dict:
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "portal_server.py"), "--serve", "--port", str(args.port),
         "--processes", str(args.processes), "--threads", str(args.threads)],
        env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        banner = server.stdout.readline().strip()
        port = int(banner.split("127.0.0.1:")[1].split()[0])
        base = f"http://127.0.0.1:{port}"
        import urllib.request

        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/bench/trivial/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        results = {}
        for name, paths in sets.items():
            runner(base, paths, args.warmup, args.concurrency)  # warm-up: caches, connections, PostgreSQL buffers
            results[name] = runner(base, paths, args.duration, args.concurrency)
        return results
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
