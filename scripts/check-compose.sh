#!/usr/bin/env bash
# Checks the example deployment (deploy/compose.yaml, deploy/nginx.conf, deploy/.env.example) holds together, without
# Docker: the compose file parses; every file it refers to exists (an env file may be given as its .example); every
# ${VAR} it uses is named in the example env file; PostgreSQL has a healthcheck; `migrate` (a verb the application
# has) runs once and every worker waits for it; three worker replicas in webhook mode with a health check; every
# setting the workers need is named, and every setting named is one the application reads (a misspelt name would be
# ignored silently); no secret has a value in a committed file; nginx forwards Telegram's and WhatsApp's webhook paths
# and the console to the workers' port, takes bodies as big as the workers do, and passes `nginx -t` when nginx is
# installed (skipped, saying so, when it is not). CI runs it; `scripts/check-compose.sh [COMPOSE_FILE]`.
set -euo pipefail
cd "$(dirname "$0")/.."
compose=${1:-deploy/compose.yaml}

fail() { echo "check-compose: $*" >&2; exit 1; }
[ -f "$compose" ] || fail "no $compose"
dir=$(cd "$(dirname "$compose")" && pwd)
nginx_conf=$dir/nginx.conf
env_example=$dir/.env.example
[ -f "$nginx_conf" ] || fail "no nginx.conf beside $compose"
[ -f "$env_example" ] || fail "no .env.example beside $compose"

# The names the workers need, and where the application defines what it reads.
required_settings="Storage__Provider Storage__ConnectionString Telegram__Mode Telegram__BotToken Telegram__WebhookUrl
  Telegram__WebhookSecret WhatsApp__AccessToken WhatsApp__PhoneNumberId WhatsApp__AppSecret WhatsApp__VerifyToken
  Console__Enabled Console__PublicUrl"
whatsapp_path=$(sed -nE 's/.*const string Path = "([^"]+)".*/\1/p' src/ChatAssistant/Channels/WhatsApp/WhatsAppWebhook.cs)
whatsapp_max_body=$(sed -nE 's/.*const int MaxBodyBytes = ([0-9 *]+);.*/\1/p' src/ChatAssistant/Channels/WhatsApp/WhatsAppWebhook.cs)
[ -n "$whatsapp_path" ] && [ -n "$whatsapp_max_body" ] || fail "cannot read WhatsAppWebhook's Path and MaxBodyBytes from src"
whatsapp_max_body=$((whatsapp_max_body))

if python3 -c 'import yaml' >/dev/null 2>&1; then
  python3 - "$compose" "$env_example" "$nginx_conf" "$whatsapp_path" "$whatsapp_max_body" "$required_settings" <<'PY'
import os, re, sys, glob
import yaml

compose_path, env_example, nginx_conf, whatsapp_path, whatsapp_max_body, required = sys.argv[1:7]
required = required.split()
base = os.path.dirname(os.path.abspath(compose_path))
problems = []
def problem(text): problems.append(text)

text = open(compose_path, encoding="utf-8").read()
try:
    doc = yaml.safe_load(text)
except yaml.YAMLError as e:
    sys.exit(f"check-compose: {compose_path} does not parse: {e}")
services = (doc or {}).get("services") or {}
if not services:
    sys.exit(f"check-compose: {compose_path} has no services")

# --- The example env file: KEY=value lines; a commented-out `#KEY=` still names a setting.
example = {}
for line in open(env_example, encoding="utf-8"):
    m = re.match(r"^\s*#?\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$", line.rstrip("\n"))
    if m and not line.lstrip().startswith("# "):
        example[m.group(1)] = (m.group(2), line.lstrip().startswith("#"))

def environment(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict((e.split("=", 1) + [""])[:2] for e in env)
    return {k: ("" if v is None else str(v)) for k, v in env.items()}

def as_list(value):
    if value is None: return []
    return value if isinstance(value, list) else [value]

def rel(path): return os.path.normpath(os.path.join(base, path))

# --- Every ${VAR} is named in the example env file, unless it has a default.
for m in re.finditer(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?([^}]*)\}", text):
    name, op = m.group(1), m.group(2) or ""
    if name not in example and op not in (":-", "-"):
        problem(f"${{{name}}} is used but not named in {os.path.basename(env_example)}")

# --- Every file referred to exists.
for name, s in services.items():
    build = s.get("build")
    if build is not None:
        context = rel(build if isinstance(build, str) else build.get("context", "."))
        if not os.path.isdir(context): problem(f"{name}: build context {context} does not exist")
        dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
        if not os.path.isfile(os.path.join(context, dockerfile)): problem(f"{name}: {dockerfile} is not in {context}")
    for entry in as_list(s.get("env_file")):
        path = rel(entry if isinstance(entry, str) else entry.get("path"))
        if not os.path.isfile(path) and not os.path.isfile(path + ".example"):
            problem(f"{name}: env file {path} (or {os.path.basename(path)}.example) does not exist")
    for volume in as_list(s.get("volumes")):
        source = volume.split(":")[0] if isinstance(volume, str) else (volume.get("source") if volume.get("type") == "bind" else None)
        if source and (source.startswith(".") or source.startswith("/")) and not os.path.exists(rel(source)):
            problem(f"{name}: mounts {source}, which does not exist")
        elif source and not source.startswith((".", "/")) and source not in ((doc.get("volumes") or {})):
            problem(f"{name}: volume {source} is not declared under volumes:")

# --- PostgreSQL, the one-shot migrate, the workers, the proxy.
postgres = {n: s for n, s in services.items() if str(s.get("image", "")).startswith("postgres:")}
if len(postgres) != 1:
    sys.exit(f"check-compose: expected one postgres service, found {len(postgres)}")
pg_name, pg = next(iter(postgres.items()))
if not str(pg.get("image")).startswith("postgres:15"): problem(f"{pg_name}: image {pg.get('image')}, expected postgres:15")
if not (pg.get("healthcheck") or {}).get("test"): problem(f"{pg_name}: no healthcheck (the others wait for it to be healthy)")
if not any(str(v).endswith("/var/lib/postgresql/data") for v in as_list(pg.get("volumes"))): problem(f"{pg_name}: its data is on no volume")
pg_env = environment(pg)

def command(s): return [str(c) for c in as_list(s.get("command"))]
migrates = [n for n, s in services.items() if command(s)[:1] == ["migrate"]]
if len(migrates) != 1:
    sys.exit(f"check-compose: expected one service running `migrate`, found {migrates}")
migrate = migrates[0]
if services[migrate].get("restart", "no") not in ("no", False): problem(f"{migrate}: must run once (restart: \"no\")")

def depends(s):
    d = s.get("depends_on") or {}
    return {k: "service_started" for k in d} if isinstance(d, list) else {k: (v or {}).get("condition", "service_started") for k, v in d.items()}

if depends(services[migrate]).get(pg_name) != "service_healthy": problem(f"{migrate}: must wait for {pg_name} to be healthy")

workers = {n: s for n, s in services.items() if n != migrate and environment(s).get("Storage__Provider") == "Postgres"}
replicas = sum(int(((s.get("deploy") or {}).get("replicas")) or 1) for s in workers.values())
if replicas < 3: problem(f"expected three worker replicas, found {replicas} ({', '.join(workers) or 'none'})")
app_names = set()
for name, s in list(workers.items()) + [(migrate, services[migrate])]:
    env = environment(s)
    named = set(env) | {k for k, (v, commented) in example.items() if s.get("env_file")}
    app_names |= {k for k in named if "__" in k}
    connection = env.get("Storage__ConnectionString", "")
    parts = {k.strip().lower(): v for k, _, v in (p.partition("=") for p in connection.split(";") if p)}
    if parts.get("host") != pg_name: problem(f"{name}: Storage__ConnectionString's Host is {parts.get('host')}, not {pg_name}")
    if parts.get("database") != pg_env.get("POSTGRES_DB", "postgres"): problem(f"{name}: Storage__ConnectionString's Database is not {pg_name}'s POSTGRES_DB")
    if parts.get("username") != pg_env.get("POSTGRES_USER", "postgres"): problem(f"{name}: Storage__ConnectionString's Username is not {pg_name}'s POSTGRES_USER")
    if parts.get("password") != pg_env.get("POSTGRES_PASSWORD"): problem(f"{name}: Storage__ConnectionString's Password is not {pg_name}'s POSTGRES_PASSWORD")
    if name == migrate: continue
    if env.get("Telegram__Mode") != "Webhook": problem(f"{name}: Telegram__Mode must be Webhook (polling runs on one replica only)")
    for setting in required:
        if setting not in named: problem(f"{name}: {setting} is named neither in its environment nor in {os.path.basename(env_example)}")
    if depends(s).get(migrate) != "service_completed_successfully": problem(f"{name}: must depend on {migrate} with condition service_completed_successfully")
    if not (s.get("healthcheck") or {}).get("test"): problem(f"{name}: no healthcheck")
    elif "health" not in [str(t) for t in s["healthcheck"]["test"]]: problem(f"{name}: its healthcheck does not run the health verb")
    if not any(str(v).endswith(":/app/dialogs") or str(v).endswith(":/app/dialogs:ro") for v in as_list(s.get("volumes"))):
        problem(f"{name}: does not mount the shared dialogs folder at /app/dialogs")
    listen = [v for k, v in env.items() if k.endswith("__ListenUrl")]
    ports = {re.sub(r".*:(\d+)/?$", r"\1", v) for v in listen} or {"8080"}
    if ports != {"8080"}: problem(f"{name}: listens on {ports}, nginx.conf forwards to 8080")

# --- Every setting named is one the application reads: `Section__Key[__n]` needs a class with
# `const string Section = "Section"` and a property Key in src (Telegram's send limits live in OutboxOptions); and
# each verb a service runs is one the application has.
sources = {}
for path in glob.glob("src/ChatAssistant/**/*.cs", recursive=True):
    sources[path] = open(path, encoding="utf-8").read()
sections = {m.group(1) for t in sources.values() for m in re.finditer(r'const string Section = "([^"]+)"', t)}
properties = {m.group(1) for t in sources.values() for m in re.finditer(r"public [\w<>?,\[\] ]+ (\w+) \{ get;", t)}
verbs = {m.group(1) for t in sources.values() for m in re.finditer(r'new Command\("([^"]+)"', t)}
for name in (migrate, *workers):
    verb = command(services[name])[:1]
    if verb and verb[0] not in verbs: problem(f"{name}: runs `{verb[0]}`, a verb the application does not have")
for name in sorted(app_names):
    section, key = name.split("__")[:2]
    if section not in sections: problem(f"{name}: the application reads no section {section}")
    elif key not in properties: problem(f"{name}: the application reads no setting {key} (misspelt?)")

# --- No secret with a value in a committed file.
secret = re.compile(r"(Token|Secret|Password)$", re.I)
for name, s in services.items():
    for key, value in environment(s).items():
        if secret.search(key) and not re.fullmatch(r"\$\{[^}]+\}", value): problem(f"{name}: {key} has a value in {os.path.basename(compose_path)}; give it in .env")
        for m in re.finditer(r"(?i)(?:^|;)\s*password\s*=([^;]*)", value):
            if not re.fullmatch(r"\$\{[^}]+\}", m.group(1).strip()): problem(f"{name}: {key} holds a password; give it in .env")
for key, (value, commented) in example.items():
    if secret.search(key) and value.strip(): problem(f"{os.path.basename(env_example)}: {key} has a value; leave secrets empty in the example")

# --- The proxy: nginx with this folder's nginx.conf, forwarding the webhook paths and the console to the workers.
proxies = {n: s for n, s in services.items() if str(s.get("image", "")).startswith("nginx")}
if len(proxies) != 1: problem(f"expected one nginx service, found {len(proxies)}")
for name, s in proxies.items():
    if not any(isinstance(v, str) and rel(v.split(":")[0]) == os.path.abspath(nginx_conf) for v in as_list(s.get("volumes"))):
        problem(f"{name}: does not mount {os.path.relpath(nginx_conf)}")
    if not s.get("ports"): problem(f"{name}: publishes no port")
conf = re.sub(r"#.*", "", open(nginx_conf, encoding="utf-8").read())
locations = {m.group(2): m.group(3) for m in re.finditer(r"location\s+(=\s*)?(\S+)\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}", conf)}
variables = dict(re.findall(r"set\s+\$(\w+)\s+([^;]+);", conf))
telegram_url = example.get("Telegram__WebhookUrl", ("", False))[0]
telegram_path = re.sub(r"^https?://[^/]+", "", telegram_url) or "/"
targets = set()
for path in (telegram_path, whatsapp_path, "/console/"):
    body = locations.get(path)
    if body is None: problem(f"nginx.conf has no location for {path}"); continue
    m = re.search(r"proxy_pass\s+([^;]+);", body)
    if not m: problem(f"nginx.conf's location {path} does not proxy"); continue
    target = m.group(1).strip()
    targets.add(variables.get(target[1:], target) if target.startswith("$") else target)
worker_names = set(workers)
for target in targets:
    m = re.fullmatch(r"https?://([^:/]+):(\d+)/?", target)
    if not m or m.group(1) not in worker_names or m.group(2) != "8080":
        problem(f"nginx.conf proxies to {target}, not to the workers ({', '.join(sorted(worker_names))}) on 8080")
m = re.search(r"client_max_body_size\s+(\d+)([kKmM]?);", conf)
size = int(m.group(1)) * {"": 1, "k": 1024, "m": 1024 * 1024}[m.group(2).lower()] if m else 1024 * 1024
if size < int(whatsapp_max_body): problem(f"nginx.conf's client_max_body_size ({size} bytes) is below what the WhatsApp webhook takes ({whatsapp_max_body})")

if problems:
    for p in problems: print(f"check-compose: {p}", file=sys.stderr)
    sys.exit(1)
print(f"check-compose: {os.path.relpath(compose_path)} parses; {len(services)} services, {replicas} worker replicas; "
      f"files, settings ({len(app_names)} named) and nginx paths ({telegram_path}, {whatsapp_path}, /console/) hold")
PY
else
  # No python3 yaml: the same checks by reading lines, less thorough.
  echo "check-compose: python3 yaml not available; checking by reading lines"
  grep -qE '^[[:space:]]+image:[[:space:]]*postgres:15' "$compose" || fail "no postgres:15 service"
  grep -qE '^[[:space:]]+command:[[:space:]]*\[[[:space:]]*"migrate"' "$compose" || fail "no service runs migrate"
  grep -q 'condition: service_completed_successfully' "$compose" || fail "no worker waits for migrate to complete"
  grep -qE '^[[:space:]]+replicas:[[:space:]]*3' "$compose" || fail "no three worker replicas"
  grep -qE 'Telegram__Mode:[[:space:]]*Webhook' "$compose" || fail "the workers are not in webhook mode"
  for setting in $required_settings; do
    grep -qE "(^|[[:space:]#])$setting[:=]" "$compose" "$env_example" || fail "$setting is named neither in $compose nor in $env_example"
  done
  while read -r source; do
    [ -e "$dir/$source" ] || fail "$compose mounts $source, which does not exist"
  done < <(sed -nE 's/^[[:space:]]+-[[:space:]]+(\.{1,2}\/[^:]*):.*/\1/p' "$compose")
  grep -q "location = $whatsapp_path" "$nginx_conf" || fail "nginx.conf has no location for $whatsapp_path"
  grep -qE 'location /console/' "$nginx_conf" || fail "nginx.conf has no location for /console/"
  echo "check-compose: $compose: services, files, settings and nginx paths hold"
fi

# Secrets stay out of git and out of the image.
for ignore in .gitignore .dockerignore; do
  grep -qxE '/?deploy/(\.env)?' "$ignore" || fail "$ignore does not keep deploy/.env out"
done

# nginx's own check, when nginx is here (CI does not install it). Debian's build keeps its temp folders under
# /var/lib/nginx: a copy of the config puts them in a temp folder, so the check needs no root and leaves nothing.
nginx_bin=${NGINX_BIN:-$(command -v nginx || true)}
if [ -z "$nginx_bin" ] && [ -x /usr/sbin/nginx ]; then nginx_bin=/usr/sbin/nginx; fi
if [ -n "$nginx_bin" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/check-compose.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  sed -e "s#^http {#http {\n    client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fastcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;#" \
    -e "s#^pid .*#pid $work/nginx.pid;#" "$nginx_conf" >"$work/nginx.conf"
  "$nginx_bin" -t -q -e stderr -p "$work/" -c "$work/nginx.conf" || fail "nginx -t refuses $nginx_conf"
  echo "check-compose: nginx -t accepts $(basename "$nginx_conf") ($("$nginx_bin" -v 2>&1 | sed 's/.*: //'))"
else
  echo "check-compose: nginx is not installed; nginx -t skipped (set NGINX_BIN=/path/to/nginx to run it)"
fi
echo "check-compose: ok"
