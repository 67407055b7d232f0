import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { clientSchema, serverSchema } from "../../src/env/schema";

// Docker cannot run on the test machines: these checks read the deployment files instead.
const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const KNOWN = new Set([...Object.keys(serverSchema()), ...Object.keys(clientSchema)]);
const REQUIRED_IN_PRODUCTION = ["DATABASE_URL", "JWT_SECRET", "NEXTAUTH_SECRET", "API_KEY_ENCRYPTION_KEY"];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function k8sDocs(): Obj[] {
  const dir = path.join(root, "deploy/k8s");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => parseAllDocuments(readFileSync(path.join(dir, f), "utf8")).map((d) => ({ ...obj(d.toJS()), __file: f })));
}
const ofKind = (kind: string) => k8sDocs().filter((d) => d.kind === kind);
const jobPod = (cronJob: Obj) => obj(obj(obj(obj(obj(cronJob.spec).jobTemplate).spec).template).spec);

describe("docker-compose.yml", () => {
  // Compose resolves `<<:` merge keys (YAML 1.1); yaml needs to be told.
  const compose = obj(parse(read("docker-compose.yml"), { merge: true }));
  const services = obj(compose.services);
  const app = obj(services.app);
  const appEnv = obj(app.environment);

  it("runs the app with PostgreSQL and Redis, after the migrations", () => {
    expect(Object.keys(services).sort()).toEqual(["app", "db", "migrate", "redis"]);
    expect(String(obj(services.db).image)).toMatch(/^postgres:1[4-9]/);
    expect(String(obj(services.redis).image)).toMatch(/^redis:[67]/);
    expect(obj(obj(app.depends_on).migrate).condition).toBe("service_completed_successfully");
    expect(obj(app.build).target).toBe("runner");
    expect(obj(obj(services.migrate).build).target).toBe("migrate");
    expect(String(appEnv.DATABASE_URL)).toMatch(/^postgresql:\/\/postgres:.*@db:5432\/pricing_optimizer$/);
    expect(appEnv.REDIS_URL).toBe("redis://redis:6379");
    expect(obj(services.migrate).environment).toMatchObject({ DATABASE_URL: appEnv.DATABASE_URL });
  });

  it("uses only variables the app knows, and requires the production secrets", () => {
    const unknown = Object.keys(appEnv).filter((k) => !KNOWN.has(k));
    expect(unknown).toEqual([]);
    for (const name of REQUIRED_IN_PRODUCTION) expect(Object.keys(appEnv)).toContain(name);
    for (const name of ["JWT_SECRET", "NEXTAUTH_SECRET", "API_KEY_ENCRYPTION_KEY"]) expect(String(appEnv[name])).toMatch(/^\$\{\w+:\?/);
    expect(appEnv.NODE_ENV).toBe("production");
  });
});

describe("deploy/k8s", () => {
  const deployment = ofKind("Deployment")[0] ?? {};
  const pod = obj(obj(obj(deployment.spec).template).spec);
  const containers = arr(pod.containers).map(obj);
  const app = containers.find((c) => c.name === "app") ?? {};

  it("probes readiness at /api/ready and liveness at /api/health", () => {
    expect(obj(obj(app.readinessProbe).httpGet).path).toBe("/api/ready");
    expect(obj(obj(app.livenessProbe).httpGet).path).toBe("/api/health");
    const port = obj(obj(app.readinessProbe).httpGet).port;
    expect(
      arr(app.ports)
        .map(obj)
        .some((p) => p.name === port || p.containerPort === port),
    ).toBe(true);
  });

  it("gives every container requests and limits, and runs nothing as root", () => {
    const all = [...containers, ...arr(pod.initContainers).map(obj), ...ofKind("CronJob").flatMap((c) => arr(jobPod(c).containers).map(obj))];
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const c of all) {
      const r = obj(c.resources);
      for (const part of [obj(r.requests), obj(r.limits)]) expect(Object.keys(part).sort(), String(c.name)).toEqual(["cpu", "memory"]);
    }
    expect(obj(pod.securityContext).runAsNonRoot).toBe(true);
  });

  it("configures the app only with variables it knows, secrets apart", () => {
    const config = obj(ofKind("ConfigMap")[0]?.data);
    const secret = obj(ofKind("Secret")[0]?.stringData);
    expect(Object.keys(config).filter((k) => !KNOWN.has(k))).toEqual([]);
    expect(Object.keys(secret).filter((k) => !KNOWN.has(k))).toEqual([]);
    for (const name of REQUIRED_IN_PRODUCTION) expect(Object.keys(secret)).toContain(name);
    for (const name of ["JWT_SECRET", "NEXTAUTH_SECRET", "API_KEY_ENCRYPTION_KEY", "CRON_SECRET", "METRICS_TOKEN"])
      expect(Object.keys(config)).not.toContain(name);
    const refs = arr(app.envFrom).map(obj);
    expect(refs.map((r) => obj(r.configMapRef).name ?? obj(r.secretRef).name).sort()).toEqual(
      [ofKind("ConfigMap")[0]?.metadata, ofKind("Secret")[0]?.metadata].map((m) => obj(m).name).sort(),
    );
  });

  it("exposes the pods through a service and scales them with an HPA", () => {
    const labels = obj(obj(obj(obj(deployment.spec).template).metadata).labels);
    const service = obj(ofKind("Service")[0]?.spec);
    expect(labels).toMatchObject(obj(service.selector));
    expect(arr(service.ports).map(obj)[0]?.targetPort).toBe("http");
    const hpa = obj(ofKind("HorizontalPodAutoscaler")[0]?.spec);
    expect(obj(hpa.scaleTargetRef)).toMatchObject({ kind: "Deployment", name: obj(deployment.metadata).name });
    expect(Number(hpa.maxReplicas)).toBeGreaterThan(Number(hpa.minReplicas));
  });
});

describe("vercel.json and cron routes", () => {
  const crons = arr(obj(JSON.parse(read("vercel.json"))).crons).map(obj);
  const routes = readdirSync(path.join(root, "src/app/api/cron")).map((d) => `/api/cron/${d}`);

  it("schedules every cron route, and only routes that exist", () => {
    expect(crons.map((c) => c.path).sort()).toEqual(routes.sort());
    for (const c of crons) expect(String(c.schedule)).toMatch(/^(\S+ ){4}\S+$/);
  });

  it("the Kubernetes CronJobs call cron routes that exist", () => {
    for (const job of ofKind("CronJob")) {
      const container = obj(arr(jobPod(job).containers)[0]);
      const url =
        arr(container.args)
          .map(String)
          .find((a) => a.startsWith("http://")) ?? "";
      expect(routes).toContain(new URL(url).pathname);
    }
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const last = stages.at(-1) ?? "";

  it("builds in stages and runs the standalone server as a non-root user, checking the configuration first", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(last).toMatch(/AS runner/);
    expect(last).toMatch(/^USER node$/m);
    expect(last).toMatch(/\.next\/standalone/);
    expect(last).toMatch(/check-env\.mjs && exec node server\.js/);
    expect(dockerfile).toMatch(/npm run build:standalone/);
  });

  it("bakes no secret into the image", () => {
    for (const line of dockerfile.split("\n").filter((l) => /^\s*(ENV|ARG)\b/.test(l))) {
      expect(line).not.toMatch(/SECRET|ENCRYPTION_KEY|TOKEN|PAID_API_KEY|DATABASE_URL/);
    }
    expect(existsSync(path.join(root, ".dockerignore")) && read(".dockerignore")).toMatch(/^\.env$/m);
  });
});
