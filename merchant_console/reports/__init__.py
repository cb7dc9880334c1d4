"""Manager reports: KPIs over the local database and CSV / XLSX / PDF writers."""
