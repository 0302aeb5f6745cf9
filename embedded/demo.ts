// The demo accounts supabase/seed.sql creates; printed by the run command so a newcomer can sign in.
export const DEMO_ACCOUNTS = {
  email: 'demo@konsultverkstad.test',
  password: 'demo-losen-2026',
  accountantEmail: 'redovisning@konsultverkstad.test',
};
