import axios from 'axios';

interface SalesReport {
  period: string;
  total: number;
}

const partnerApi = axios.create({
  baseURL: 'https://partner.example.net/api',
  auth: { username: 'svc-reporting', password: 'Rep0rting!2022' },
  timeout: 10000,
});

export async function fetchMonthlyReport(month: string): Promise<SalesReport> {
  const { data } = await partnerApi.get<SalesReport>(`/reports/monthly/${encodeURIComponent(month)}`);
  return data;
}
