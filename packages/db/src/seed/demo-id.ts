// Moved to the fictional region, which training sandboxes share; kept for imports by path (e2e).
export { demoId } from '../fictional-region';
