import { routeEntry } from '../../server/src/pins/entry-account';

const mapping = {
  defaultAccountId: 7,
  defaultBoardId: '100',
  localeDefaults: { fr: { accountId: 9, boardId: '900' }, de: { boardId: '500' } },
};

describe('routeEntry (several accounts)', () => {
  it('uses the default account and the type board when nothing is set', () => {
    expect(routeEntry(null, { defaultBoardId: '1' }, 'en')).toEqual({
      accountId: null,
      defaultBoardId: '1',
    });
  });

  it('uses the type account and board for a locale without its own', () => {
    expect(routeEntry(null, mapping, 'en')).toEqual({ accountId: 7, defaultBoardId: '100' });
  });

  it('uses the locale account and its board', () => {
    expect(routeEntry({}, mapping, 'fr')).toEqual({ accountId: 9, defaultBoardId: '900' });
  });

  it('uses a locale board with the type account', () => {
    expect(routeEntry(null, mapping, 'de')).toEqual({ accountId: 7, defaultBoardId: '500' });
  });

  it('the field account wins, without a board of another account', () => {
    expect(routeEntry({ accountId: 3 }, mapping, 'fr')).toEqual({
      accountId: 3,
      defaultBoardId: undefined,
    });
  });

  it('the field naming the routed account keeps its default board', () => {
    expect(routeEntry({ accountId: 9 }, mapping, 'fr')).toEqual({
      accountId: 9,
      defaultBoardId: '900',
    });
  });

  it('a locale account without a board does not borrow the type board', () => {
    expect(
      routeEntry(null, { ...mapping, localeDefaults: { fr: { accountId: 9 } } }, 'fr')
    ).toEqual({ accountId: 9, defaultBoardId: undefined });
  });
});
