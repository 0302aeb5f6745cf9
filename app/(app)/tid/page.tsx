import { comingSoonPage } from '@/components/shell/coming-soon';

const page = comingSoonPage('nav.time');
export const generateMetadata = page.generateMetadata;
export default page.Page;
