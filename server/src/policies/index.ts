import apiTokenOnly from './api-token-only';
import hasAction from './has-action';

export default { 'api-token-only': apiTokenOnly, 'has-action': hasAction };
