import apiTokenOnly from './api-token-only';

export default { 'api-token-only': apiTokenOnly };
