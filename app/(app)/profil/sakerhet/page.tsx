import { comingSoonPage } from '@/components/shell/coming-soon';

const page = comingSoonPage('profileNav.security');
export const generateMetadata = page.generateMetadata;
export default page.Page;
