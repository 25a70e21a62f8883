/** The dashboard's periods: presets in UTC days, and date pickers' local dates. */
import {
  dayToPickerDate,
  filterQuery,
  pickerDateToDay,
  presetPeriod,
} from '../../admin/src/utils/period';

describe('dashboard periods', () => {
  it('makes the last N days, today included', () => {
    const now = Date.parse('2030-05-20T23:30:00Z');
    expect(presetPeriod(7, now)).toEqual({ from: '2030-05-14', to: '2030-05-20' });
    expect(presetPeriod(1, now)).toEqual({ from: '2030-05-20', to: '2030-05-20' });
  });

  it('round-trips a day through a date picker whatever the time zone', () => {
    for (const day of ['2030-01-01', '2030-03-31', '2030-12-31'])
      expect(pickerDateToDay(dayToPickerDate(day))).toBe(day);
    expect(dayToPickerDate('2030-05-20').getDate()).toBe(20);
  });

  it('leaves empty filters out of the query', () => {
    expect(
      filterQuery({ from: '2030-05-01', to: '2030-05-20', contentType: '', boardId: null, page: 2 })
    ).toBe('from=2030-05-01&to=2030-05-20&page=2');
  });
});
