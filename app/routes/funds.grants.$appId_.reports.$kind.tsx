import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react";
import { requireUser } from "~/modules/auth/session.server";
import { redirectWithFlash } from "~/modules/flash/flash.server";
import { abilitiesFor, can } from "~/modules/funding/policy.server";
import { loadReport, saveReport } from "~/modules/funding/reports.server";
import {
  parseReportForm,
  storeReportFiles,
} from "~/modules/funding/report-uploads.server";
import { ReportSchema } from "~/modules/funding/reports.schema.server";
import { discardPending } from "~/modules/uploads/uploads.server";
import { parseWithZod } from "~/utils/parse-with-zod.server";
import type { RouteHandle } from "~/utils/route-handle";
import { GrantState, ReportDue } from "~/modules/funding/components/grant-bits";
import {
  ReportForm,
  type ReportProblems,
} from "~/modules/funding/components/report-form";
import { ReportView } from "~/modules/funding/components/report-view";
import { PageHeader } from "~/ui/page";

// Ships the client (~/utils/route-handle): the voice recorder for "what happened". Everything else is a plain form.
export const handle: RouteHandle = { hydrate: true };

export const meta: MetaFunction = () => [
  { title: "Grant report · NOMI Workspace" },
];

/** A mid-point or end report: the grantee writes it; stewards and the grantee read it; others get 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { grant, report, subject } = await loadReport(
    user,
    params.appId!,
    params.kind!
  );
  return json({
    grant: {
      id: grant.applicationId,
      title: grant.title,
      roundName: grant.roundName,
      awarded: grant.awarded,
      paid: grant.paid,
      budgetLines: grant.budgetLines,
      closed: grant.closed,
    },
    report,
    abilities: abilitiesFor(user, subject, ["fundReport.write"]),
    today: new Date().toISOString().slice(0, 10),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { subject } = await loadReport(user, params.appId!, params.kind!);
  // Refused before the body is read: nobody but the grantee uploads into a report.
  if (!can(user, "fundReport.write", subject))
    throw new Response("Forbidden", { status: 403 });
  const { formData, uploads } = await parseReportForm(request);
  const submission = parseWithZod(formData, { schema: ReportSchema });
  if (submission.status !== "success") {
    await discardPending(uploads);
    return json(
      { result: submission.reply(), problems: [] as ReportProblems },
      { status: 400 }
    );
  }
  const v = submission.value;
  const stored = await storeReportFiles(uploads, v.caption);
  if ("problems" in stored)
    return json(
      {
        result: submission.reply(),
        problems: stored.problems as ReportProblems,
      },
      { status: 400 }
    );
  const r = await saveReport(
    user,
    params.appId!,
    params.kind!,
    {
      stoppedEarly: v.stoppedEarly,
      happened: v.happened ?? "",
      hasMedia: false,
      peopleReached: v.peopleReached,
      breakdown: v.breakdown.map((b) => ({
        label: b.label ?? "",
        count: b.count ?? 0,
      })),
      breakdownConsent: v.breakdownConsent,
      changeMade: v.changeMade ?? "",
      quote: v.quote ?? "",
      spend: v.spend.map((spent, line) => ({ line, spent: spent ?? 0 })),
      didNotWork: v.didNotWork ?? "",
      learned: v.learned ?? "",
      photoConsent: v.photoConsent,
      removeFileIds: v.removeFile,
      removeMedia: v.removeMedia,
    },
    stored.files,
    { submit: v.intent === "submit" }
  );
  if (!r.ok) {
    return json(
      {
        result: submission.reply(),
        problems: r.problems.map((p) => ({
          field: p.field,
          error: `funding.reports.errors.${p.error}`,
          values: p.values,
        })) as ReportProblems,
      },
      { status: 400 }
    );
  }
  if (r.submitted)
    return redirectWithFlash(request, `/funds/grants/${params.appId}`, {
      key: "funding.reports.flash.submitted",
    });
  return redirectWithFlash(
    request,
    `/funds/grants/${params.appId}/reports/${params.kind}`,
    { key: "funding.reports.flash.saved" }
  );
}

export default function ReportPage() {
  const { t } = useTranslation();
  const { grant, report, abilities, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title={t(`funding.reports.kind.${report.kind}`)}
        lead={`${grant.title} · ${grant.roundName}`}
      />
      <GrantState closed={grant.closed} />
      <ReportDue
        report={report}
        today={today}
        closed={grant.closed !== null && report.status !== "submitted"}
      />
      {abilities["fundReport.write"] ? (
        <ReportForm
          grant={grant}
          report={report}
          result={data?.result}
          problems={data?.problems ?? []}
        />
      ) : report.status === "submitted" ? (
        <ReportView grant={grant} report={report} />
      ) : (
        <p>{t("funding.reports.notYet")}</p>
      )}
      <p>
        <Link
          to={`/funds/grants/${grant.id}`}
          className="button button--secondary"
        >
          {t("funding.reports.backToGrant")}
        </Link>
      </p>
    </>
  );
}
