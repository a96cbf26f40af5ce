import type { FastifyReply } from 'fastify';
import type { BreakdownAnswer, BreakdownQuery, DrillAnswer, ExportFormat } from '../../shared/dashboard/api.js';
import { indicatorKeys, indicators } from '../../shared/dashboard/indicators.js';
import { toCsv, toXlsx, type Table } from '../export/spreadsheet.js';

// The dashboard's tables as files staff download: the same rows the page shows, headed in both
// languages, rates as fractions with four decimals (a spreadsheet formats them), "—" never written
// (an empty cell is a value that does not exist).

const levelNames = { site: '站点 Site', organisation: '调解组织 Organisation', mediator: '调解员 Mediator', disputeType: '纠纷类型 Dispute type', channel: '渠道 Channel' };

export function breakdownTable(query: BreakdownQuery, answer: BreakdownAnswer): Table {
  return {
    name: `${query.from}_${query.to}`,
    header: [levelNames[answer.by], ...indicatorKeys.map((k) => `${indicators[k].name.zh} ${indicators[k].name.en}`)],
    rows: answer.rows.map((r) => [r.name || '—', ...indicatorKeys.map((k) => round(r.values[k]))]),
  };
}

export function drillTable(answer: DrillAnswer): Table {
  return {
    name: answer.indicator.slice(0, 31),
    header: ['案号 Case number', '状态 State', '日期 Day', '站点 Site', '调解组织 Organisation', '调解员 Mediator', '纠纷类型 Dispute type', '渠道 Channel', '计数 Amount'],
    rows: answer.rows.map((r) => [r.caseNumber ?? r.caseId, r.state, r.day, r.siteId, r.organisationId, r.mediator, r.disputeType, r.channel, r.amount]),
  };
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);

const media: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function sendTable(reply: FastifyReply, table: Table, format: ExportFormat): FastifyReply {
  const body = format === 'csv' ? toCsv(table) : toXlsx(table);
  return reply
    .type(media[format])
    .header('content-disposition', `attachment; filename="dashboard-${table.name.replace(/[^A-Za-z0-9_-]/g, '_')}.${format}"`)
    .send(body);
}
