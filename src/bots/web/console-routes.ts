import type { HttpServer } from '../../server/http.ts';
import { attachAuditPage } from './audit-page.ts';
import { attachCaseDetailPage } from './case-detail-page.ts';
import { CaseActivity, attachCaseListPage } from './case-list-page.ts';
import { casesOverview } from './cases-overview.ts';
import { democracyOverview } from './democracy-overview.ts';
import { attachDemocracyPages } from './democracy-pages.ts';
import { attachDemocracyResults } from './democracy-results.ts';
import { democracyOf } from './democracy-services.ts';
import { attachKnowledgeEditor } from './knowledge-editor-page.ts';
import { attachKnowledgeListPage } from './knowledge-list-page.ts';
import { attachMemberPages } from './members-pages.ts';
import { attachOverviewPage, type OverviewSection } from './overview-page.ts';
import type { WebContext } from './web-context.ts';

/** Every console area. Each page checks the viewer's role on the server (see `page`). */
export function attachConsole(server: HttpServer, web: WebContext): void {
  const sections: OverviewSection[] = [];
  const { tickets } = web.app;
  const activity = new CaseActivity(tickets);
  attachCaseListPage(server, web, tickets, activity);
  attachCaseDetailPage(server, web, tickets, activity);
  sections.push(casesOverview(tickets));
  attachKnowledgeListPage(server, web, web.app.knowledge);
  attachKnowledgeEditor(server, web, web.app.knowledge);
  const democracy = democracyOf(web.app);
  attachDemocracyPages(server, web, democracy);
  attachDemocracyResults(server, web, democracy);
  sections.push(democracyOverview(democracy));
  attachOverviewPage(server, web, sections);
  attachMemberPages(server, web);
  attachAuditPage(server, web);
}
