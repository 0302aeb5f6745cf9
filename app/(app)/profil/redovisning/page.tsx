import { comingSoonPage } from '@/components/shell/coming-soon';

const page = comingSoonPage('profileNav.accountants');
export const generateMetadata = page.generateMetadata;
export default page.Page;
