import { Bar, BarChart, CartesianGrid, LabelList, Legend, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import type { Language } from '../i18n';
import type { Figures } from '../pages/dashboard-data';

// on white, each at least 3:1 against the background as graphical objects need
const SERIES_COLOURS = ['#0b5394', '#b35600'];
// room for a label wrapped on four lines
const ROW_HEIGHT = 64;

/**
 * A bar chart for those who see it and, beside it, a table of the same figures for everyone else: the chart is
 * hidden from assistive technology, the table has a caption and headers. A withheld figure shows as such in the
 * table and as no bar in the chart.
 */
export function ChartWithTable({ id, title, rowTitle, figures }: { id: string; title: string; rowTitle: string; figures: Figures }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const format = (value: unknown) => (typeof value === 'number' ? formatNumber(value, language) : '');
  const data = figures.rows.map((row) => ({ label: row.label, ...Object.fromEntries(row.values.map((value, index) => [`series${index}`, value])) }));
  return (
    <section className="chart-pair" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <div className="chart-pair-body">
        <div className="chart" aria-hidden="true" data-chart={id}>
          <BarChart
            layout="vertical"
            responsive
            style={{ width: '100%', height: 40 + figures.rows.length * Math.max(ROW_HEIGHT, figures.series.length * 26 + 18) + (figures.series.length > 1 ? 30 : 0) }}
            data={data}
            accessibilityLayer={false}
            margin={{ top: 5, right: 40, bottom: 5, left: 5 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            {/* the category labels wrap within the axis' width, so long indicator names stay readable */}
            <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 13 }} interval={0} />
            <XAxis type="number" allowDecimals={false} tickFormatter={format} />
            {figures.series.length > 1 && <Legend />}
            {figures.series.map((name, index) => (
              <Bar key={name} dataKey={`series${index}`} name={name} fill={SERIES_COLOURS[index % SERIES_COLOURS.length]} isAnimationActive={false}>
                <LabelList dataKey={`series${index}`} position="right" formatter={format} className="chart-value" />
              </Bar>
            ))}
          </BarChart>
        </div>
        <table className="table figures" id={`${id}-table`}>
          <caption>{t('dashboards.tableOf', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{rowTitle}</th>
              {figures.series.map((name) => (
                <th scope="col" key={name} className="number">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {figures.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {row.values.map((value, index) => (
                  <td key={figures.series[index]} className="number">
                    {value === null ? t('dashboards.withheld') : formatNumber(value, language)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
