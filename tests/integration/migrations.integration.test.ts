import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startEmbeddedPostgres } from "../../src/server/db/embedded-postgres";
import { migrateDeploy } from "../../src/server/db/migrate";
import { pgConfigFromUrl } from "../../src/server/db/pg-config";
import { createScratchDatabase } from "../setup/database";

// The seed's production schema: table -> column -> [data_type, default (null = none)].
const SEED_COLUMNS: Record<string, Record<string, [string, string | null]>> = {
  tenants: {
    id: ["uuid", "gen_random_uuid()"],
    name: ["character varying(255)", null],
    plan: ["character varying(50)", "'free'::character varying"],
    mode: ["character varying(50)", "'managed'::character varying"],
    paid_api_key_encrypted: ["text", null],
    paid_api_base_url: ["text", null],
    usage_limit: ["integer", "1000"],
    current_usage: ["integer", "0"],
    default_provider: ["character varying(50)", "'paid-ai'::character varying"],
    webhook_url: ["text", null],
    created_at: ["timestamp with time zone", "CURRENT_TIMESTAMP"],
    updated_at: ["timestamp with time zone", "CURRENT_TIMESTAMP"],
  },
  experiments: {
    id: ["uuid", "gen_random_uuid()"],
    tenant_id: ["uuid", null],
    name: ["character varying(255)", null],
    description: ["text", null],
    status: ["character varying(50)", "'draft'::character varying"],
    start_date: ["timestamp with time zone", null],
    end_date: ["timestamp with time zone", null],
    target_sample_size: ["integer", null],
    created_at: ["timestamp with time zone", "CURRENT_TIMESTAMP"],
    updated_at: ["timestamp with time zone", "CURRENT_TIMESTAMP"],
  },
  variants: {
    id: ["uuid", "gen_random_uuid()"],
    experiment_id: ["uuid", null],
    name: ["character varying(255)", null],
    price: ["numeric(10,2)", null],
    weight: ["integer", "50"],
    metadata: ["jsonb", null],
  },
  variant_metrics: {
    id: ["uuid", "gen_random_uuid()"],
    variant_id: ["uuid", null],
    views: ["integer", "0"],
    conversions: ["integer", "0"],
    revenue: ["numeric(12,2)", "0"],
    updated_at: ["timestamp with time zone", "CURRENT_TIMESTAMP"],
  },
  usage_records: {
    id: ["uuid", "gen_random_uuid()"],
    tenant_id: ["uuid", null],
    usage_type: ["character varying(50)", null],
    count: ["integer", "1"],
    metadata: ["jsonb", null],
    created_at: ["timestamp with time zone", "CURRENT_TIMESTAMP"],
  },
};

const SEED_INDEXES: Record<string, [string, string]> = {
  idx_experiments_tenant: ["experiments", "tenant_id"],
  idx_experiments_status: ["experiments", "status"],
  idx_variants_experiment: ["variants", "experiment_id"],
  idx_usage_records_tenant: ["usage_records", "tenant_id"],
  idx_usage_records_created: ["usage_records", "created_at"],
};

describe("prisma/migrations applied to an empty database", () => {
  let client: pg.Client;
  let cleanup: () => Promise<unknown>;

  beforeAll(async () => {
    // A database of its own, so this test sees exactly what the migrations build.
    const target = inject("embedded") ? await startEmbeddedPostgres() : await createScratchDatabase(inject("serverUrl"), "migr");
    cleanup = "stop" in target ? target.stop : target.drop;
    await migrateDeploy(target.url);
    client = new pg.Client(pgConfigFromUrl(target.url));
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await cleanup?.();
  });

  it("creates the seed's tables with their columns, types and defaults", async () => {
    const { rows } = await client.query<{ table_name: string; column_name: string; type: string; column_default: string | null }>(`
      SELECT c.table_name, c.column_name, format_type(a.atttypid, a.atttypmod) AS type, c.column_default
      FROM information_schema.columns c
      JOIN pg_attribute a ON a.attrelid = ('public.' || c.table_name)::regclass AND a.attname = c.column_name
      WHERE c.table_schema = 'public'`);
    for (const [table, columns] of Object.entries(SEED_COLUMNS)) {
      for (const [column, [type, dflt]] of Object.entries(columns)) {
        const row = rows.find((r) => r.table_name === table && r.column_name === column);
        expect(row, `${table}.${column} exists`).toBeDefined();
        expect(row?.type, `${table}.${column} type`).toBe(type);
        expect(row?.column_default, `${table}.${column} default`).toBe(dflt);
      }
    }
  });

  it("creates the seed's indexes on the right columns", async () => {
    const { rows } = await client.query<{ indexname: string; tablename: string; indexdef: string }>(
      "SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'",
    );
    for (const [name, [table, column]] of Object.entries(SEED_INDEXES)) {
      const idx = rows.find((r) => r.indexname === name);
      expect(idx?.tablename, name).toBe(table);
      expect(idx?.indexdef, name).toContain(`(${column})`);
    }
  });

  it("deletes a tenant's experiments, variants and usage with it (ON DELETE CASCADE)", async () => {
    const tenant = await client.query<{ id: string }>("INSERT INTO tenants (name) VALUES ('cascade') RETURNING id");
    const tenantId = tenant.rows[0]?.id;
    const exp = await client.query<{ id: string }>("INSERT INTO experiments (tenant_id, key, name) VALUES ($1, 'k', 'n') RETURNING id", [tenantId]);
    await client.query("INSERT INTO variants (experiment_id, key, name, price) VALUES ($1, 'a', 'A', 9.99)", [exp.rows[0]?.id]);
    await client.query("INSERT INTO usage_records (tenant_id, usage_type) VALUES ($1, 'assign')", [tenantId]);
    await client.query("DELETE FROM tenants WHERE id = $1", [tenantId]);
    const left = await client.query<{ n: string }>(
      "SELECT (SELECT count(*) FROM experiments) + (SELECT count(*) FROM variants) + (SELECT count(*) FROM usage_records) AS n",
    );
    expect(Number(left.rows[0]?.n)).toBe(0);
  });

  it("refuses a second experiment with the same key in one tenant", async () => {
    const tenant = await client.query<{ id: string }>("INSERT INTO tenants (name) VALUES ('uniq') RETURNING id");
    await client.query("INSERT INTO experiments (tenant_id, key, name) VALUES ($1, 'same', 'one')", [tenant.rows[0]?.id]);
    await expect(client.query("INSERT INTO experiments (tenant_id, key, name) VALUES ($1, 'same', 'two')", [tenant.rows[0]?.id])).rejects.toThrow(
      /uq_experiments_tenant_key/,
    );
  });
});
