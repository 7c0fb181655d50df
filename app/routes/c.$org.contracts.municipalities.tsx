import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FormErrors, Notice, SelectField, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { addMunicipality, addRegion, listReference } from "~/modules/contracts/reference.server";
import { municipalitySchema, referenceActionSchema, regionSchema } from "~/modules/contracts/schemas";

export const handle = { ...access({ loader: "contracts:view", action: "contracts:write" }), ...page({ title: "reference.title", parent: { to: "contracts", label: "shell.nav.contracts" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  return { slug: ctx.org.slug, ...(await listReference(ctx)), canWrite: ctx.can("contracts:write") };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:write");
  const result = await submitForm(await request.formData(), referenceActionSchema, async (v) => {
    if (v.intent === "addRegion") await addRegion(ctx, v.name);
    else await addMunicipality(ctx, v);
    return v.intent;
  });
  if (!result.ok) return result.response;
  return { result: undefined, done: result.value };
});

type ActionData = { result?: Parameters<typeof useSchemaForm>[1]["lastResult"]; done?: string } | undefined;
const replyFor = (data: ActionData, intent: string) => {
  const result = data?.result as { initialValue?: { intent?: unknown } } | undefined;
  return result?.initialValue?.intent === intent ? data?.result : undefined;
};

/** Youth-care regions and their municipalities: the built-in ones and the cooperative's own. */
export default function Municipalities() {
  const { t } = useTranslation();
  const { slug, regions, loose, canWrite } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData;
  const own = <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">{t("reference.own")}</span>;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <p className="mb-3 text-sm">
          <Link to={`/c/${slug}/contracts`} className="text-teal-800 underline">
            {t("contracts.back")}
          </Link>
        </p>
        {data?.done ? (
          <div className="mb-3">
            <Notice tone="success">{t(`reference.done.${data.done}`)}</Notice>
          </div>
        ) : null}
        <ul className="space-y-3 text-sm">
          {regions.map((r) => (
            <li key={r.id} data-testid="region">
              {/* h2: the card's heading went when the page got its h1 (axe heading-order) */}
              <h2 className="font-medium">
                {r.name}
                {r.own ? own : null} <span className="text-slate-500">({r.municipalities.length})</span>
              </h2>
              <p className="text-slate-700">
                {r.municipalities.map((m, i) => (
                  <span key={m.id}>
                    {i ? ", " : ""}
                    {m.name}
                    {m.own ? ` (${t("reference.own")})` : ""}
                  </span>
                ))}
              </p>
            </li>
          ))}
          {loose.length ? (
            <li data-testid="region">
              <h2 className="font-medium">{t("reference.noRegion")}</h2>
              <p className="text-slate-700">{loose.map((m) => m.name).join(", ")}</p>
            </li>
          ) : null}
        </ul>
      </Card>
      {canWrite ? (
        <div className="space-y-4">
          <RegionForm data={data} />
          <MunicipalityForm data={data} regions={regions} />
        </div>
      ) : null}
    </div>
  );
}

function RegionForm({ data }: { data: ActionData }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(regionSchema, { id: "region", lastResult: replyFor(data, "addRegion") });
  return (
    <Card title={t("reference.addRegion")}>
      <Form method="post" {...getFormProps(form)} className="space-y-3" aria-label={t("reference.addRegion")}>
        <FormErrors errors={form.errors} />
        <TextField field={fields.name} label={t("reference.regionName")} />
        <Button name="intent" value="addRegion">
          {t("reference.add")}
        </Button>
      </Form>
    </Card>
  );
}

function MunicipalityForm({ data, regions }: { data: ActionData; regions: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(municipalitySchema, { id: "municipality", lastResult: replyFor(data, "addMunicipality") });
  return (
    <Card title={t("reference.addMunicipality")}>
      <Form method="post" {...getFormProps(form)} className="space-y-3" aria-label={t("reference.addMunicipality")}>
        <FormErrors errors={form.errors} />
        <TextField field={fields.name} label={t("reference.municipalityName")} />
        <SelectField field={fields.regionId} label={t("reference.region")} options={[{ value: "", label: t("reference.noRegion") }, ...regions.map((r) => ({ value: r.id, label: r.name }))]} />
        <Button name="intent" value="addMunicipality">
          {t("reference.add")}
        </Button>
      </Form>
    </Card>
  );
}
