export { PLUGIN_ID } from '../../common/permissions';
