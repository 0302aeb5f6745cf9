import { comingSoonPage } from '@/components/shell/coming-soon';

const page = comingSoonPage('nav.map');
export const generateMetadata = page.generateMetadata;
export default page.Page;
