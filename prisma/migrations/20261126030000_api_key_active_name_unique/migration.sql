-- API key names are unique among a tenant's ACTIVE keys, case-insensitively (createApiKey checks
-- first, and this index settles two creates that race). A revoked key keeps its name and frees it.
-- Prisma's schema language cannot express a partial expression index, so it exists here only
-- (see the comment on model ApiKey in schema.prisma).

-- Existing duplicates among active keys must not stop the index: the oldest key of each group
-- (by created_at, then id) keeps its name and every later one is renamed by appending " (2)", " (3)"
-- and so on, skipping any suffix another active key of the tenant already has. No key is revoked,
-- deleted or changed otherwise, so every integration keeps working and the owner can tell them apart.
-- The base name is cut so the result still fits VARCHAR(255).
WITH "active" AS (
    SELECT "id", "tenant_id", "name", lower("name") AS "lname",
           row_number() OVER (PARTITION BY "tenant_id", lower("name") ORDER BY "created_at", "id") AS "rank",
           count(*) OVER (PARTITION BY "tenant_id") AS "tenant_active"
    FROM "api_keys"
    WHERE "revoked_at" IS NULL
),
"groups" AS (
    SELECT "tenant_id", "lname", max("tenant_active") AS "tenant_active"
    FROM "active"
    GROUP BY "tenant_id", "lname"
    HAVING count(*) > 1
),
"free" AS (
    SELECT g."tenant_id", g."lname", n,
           row_number() OVER (PARTITION BY g."tenant_id", g."lname" ORDER BY n) + 1 AS "rank"
    FROM "groups" g
    CROSS JOIN LATERAL generate_series(2, g."tenant_active" + 1) AS n
    WHERE NOT EXISTS (
        SELECT 1 FROM "active" o
        WHERE o."tenant_id" = g."tenant_id"
          AND o."lname" = left(g."lname", 255 - length(' (' || n || ')')) || ' (' || n || ')'
    )
)
UPDATE "api_keys" k
SET "name" = left(a."name", 255 - length(' (' || f.n || ')')) || ' (' || f.n || ')'
FROM "active" a
JOIN "free" f ON f."tenant_id" = a."tenant_id" AND f."lname" = a."lname" AND f."rank" = a."rank"
WHERE k."id" = a."id" AND a."rank" > 1;

-- CreateIndex
CREATE UNIQUE INDEX "uq_api_keys_tenant_active_name" ON "api_keys"("tenant_id", lower("name")) WHERE "revoked_at" IS NULL;
