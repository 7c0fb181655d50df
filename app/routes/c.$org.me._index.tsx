import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProfileFields, profileDefaults } from "~/components/members/profile-fields";
import { Button, Card, FormErrors, Notice } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { getMember, getMyMemberId, listProblemAreas, updateOwnProfile } from "~/modules/members/members.server";
import { profileSchema } from "~/modules/members/schemas";

export const handle = { ...access({ loader: "profile:self", action: "profile:self" }), ...page({ title: "profile.tab", tab: true }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "profile:self");
  const id = await getMyMemberId(ctx);
  // Everyone may see their own record, whatever the directory shows peers.
  const [{ profile }, problemAreas] = await Promise.all([getMember(ctx, id), listProblemAreas(ctx)]);
  return { profile, problemAreas };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "profile:self");
  const result = await submitForm(await request.formData(), profileSchema, (v) => updateOwnProfile(ctx, v));
  if (!result.ok) return result.response;
  return { result: undefined, saved: true };
});

export default function MyProfile() {
  const { t } = useTranslation();
  const { profile, problemAreas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(profileSchema, { id: `profile-${profile.version}`, lastResult: actionData?.result, defaultValue: profileDefaults(profile) });
  return (
    <div className="max-w-2xl space-y-4">
      {actionData && "saved" in actionData ? <Notice tone="success">{t("account.saved")}</Notice> : null}
      <Card title={t("profile.title")}>
        <p className="mb-4 text-sm text-slate-600">{t("profile.intro")}</p>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors errors={form.errors} />
          <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
          <ProfileFields fields={fields} profile={{ ...profile, problemAreaIds: profile.problemAreas.map((p) => p.id) }} problemAreas={problemAreas} />
          <Button>{t("actions.save")}</Button>
        </Form>
      </Card>
    </div>
  );
}
